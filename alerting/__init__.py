"""Alerting: subscriptions and the alerts they raise, matching in the stream, spike windows,
the stores in Elasticsearch and the delivery channels (plug-ins in ``alerting.channels``)."""
