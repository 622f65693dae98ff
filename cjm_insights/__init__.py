"""cjm-insights: draft evidence-linked customer journey maps from qualitative B2B evidence.

The Python API is the product; the `cjm` CLI is a thin layer over it.
"""

__version__ = "0.1.0"
