# The people, the service and the applications of the applications tests.
from tests.applications.conftest import (  # noqa: F401 - fixtures
    _private_media,
    agency,
    citizen,
    draft,
    head,
    service,
    submitted,
    verifier,
)
