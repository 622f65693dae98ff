"""The evaluation harness: gold labels, span matching, metrics, reports (labels.md section 4).

from cjm_insights.evaluation import evaluate
report = evaluate("evals/b2b-dev", extractor="prototype")
report.overall["evidence_f1"], report.by_stage["evaluation"]["stage_accuracy"]
"""

from cjm_insights.evaluation.run import agreement, evaluate

__all__ = ["agreement", "evaluate"]
