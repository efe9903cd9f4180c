"""soicost: extrapolate IT migration costs across an application portfolio, with ranges."""

__version__ = "0.1.0"
