"""The Boolean query language of searches and subscriptions: one parser and one field table
(``syntax``), two back-ends built from the same parsed tree: a predicate over a mention in the
stream (``stream``) and an Elasticsearch query (``elasticsearch``)."""
