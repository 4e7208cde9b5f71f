"""Exceptions of the gazetteer geocoder, in geopy's exception tree.

Each class also derives from the geopy exception of the same meaning, so code written
for any geopy geocoder (and ``geopandas.tools.geocode``, which skips rows raising
``GeocoderQueryError`` or ``ValueError``) handles ours without change::

    GeopyError
    ├── ConfigurationError (ValueError)
    │   └── GazetteerConfigurationError      bad constructor arguments
    └── GeocoderServiceError
        ├── GeocoderQueryError (ValueError)
        │   └── GazetteerQueryError          bad query: empty, not text, bad point,
        │                                    unknown kind or country code
        └── GeocoderUnavailable (IOError)
            └── GazetteerUnavailable         the gazetteer store cannot be opened/built

``GazetteerError`` is the common base of all three, for ``except GazetteerError``.
Errors of an online fallback geocoder are geopy's own and pass through unchanged.
"""

from __future__ import annotations

from geopy.exc import (
    ConfigurationError,
    GeocoderQueryError,
    GeocoderUnavailable,
    GeopyError,
)


class GazetteerError(GeopyError):
    """Base class of the gazetteer geocoder's errors."""


class GazetteerConfigurationError(GazetteerError, ConfigurationError):
    """The geocoder was built with invalid arguments."""


class GazetteerQueryError(GazetteerError, GeocoderQueryError):
    """The query cannot be geocoded as given (not a place name or point)."""


class GazetteerUnavailable(GazetteerError, GeocoderUnavailable):
    """The gazetteer store could not be opened or built."""


__all__ = [
    "GazetteerConfigurationError",
    "GazetteerError",
    "GazetteerQueryError",
    "GazetteerUnavailable",
]
