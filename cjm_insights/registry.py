"""Registries for the swappable parts, spaCy-style: config names a part, the registry builds it.

Third-party packages can add parts through entry points (like simonw/llm plugins):
    [project.entry-points."cjm_insights_backends"]
    mybackend = "my_pkg:MyBackend"
"""

import catalogue

backends = catalogue.create("cjm_insights", "backends", entry_points=True)
extractors = catalogue.create("cjm_insights", "extractors", entry_points=True)
embedders = catalogue.create("cjm_insights", "embedders", entry_points=True)
