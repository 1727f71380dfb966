"""MPP's PostgreSQL database backend: Django's, with the pool's check taken from the options
(see `base`)."""
