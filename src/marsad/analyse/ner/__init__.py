"""Named entities of Arabic news: PERS, ORG, LOC and MISC.

Modules, in the order the data flows:

* ``lexicon``, ``gazetteers``, ``clitics``: word counts and classes from unlabeled news,
  name lists, proclitic splitting;
* ``features``, ``crf_model``, ``tagger``, ``consistency``: the CRF's features, its weights
  and Viterbi decoding, the shipped models, the document-consistency step;
* ``conll``: CoNLL files and entity-level scoring;
* ``mentions``, ``rules``, ``roles``, ``canonical``, ``pipeline``: from a text to entity
  spans with canonical forms, keys, roles and countries (used by
  :class:`marsad.analyse.entities.EntityStage`);
* ``api``: what the CLI calls.

See docs/ner_model_card.md for the data, features and scores.
"""
