"""Arabic text core: normalisation, tokenisation and sentence splitting."""
