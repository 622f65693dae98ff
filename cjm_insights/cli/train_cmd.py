"""Commands of this group are added by the step that owns them."""

from cjm_insights.cli.app import app  # noqa: F401
