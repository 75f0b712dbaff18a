"""One router per resource; each is a few endpoints over the services in ``api.deps``."""
