"""`python -m cjm_insights ...` is `cjm ...` (handy where the script is not on PATH)."""

from cjm_insights.cli import main

main()
