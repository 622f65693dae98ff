"""cjm-insights: draft evidence-linked customer journey maps from qualitative B2B evidence.

The Python API is the product; the `cjm` CLI is a thin layer over it.
"""

from typing import Any

__version__ = "0.1.0"


def evaluate(set_dir: Any, config: Any = None, **kwargs: Any) -> Any:
    """Score an extractor on a labelled set; see cjm_insights.evaluation.run.evaluate."""
    # Imported here so that `import cjm_insights` stays cheap (no sklearn, no torch).
    from cjm_insights.evaluation.run import evaluate as _evaluate

    return _evaluate(set_dir, config, **kwargs)
