"""The composer: a person's request (length, focus, level, props, what to avoid) -> a new practice file.

In: a ``Request`` and the pose library (``sequence``). Out: a ``Composed`` practice, the text of an
ordinary sequence file (commented: the request, the seed, why each part is there) that the pipeline then
loads, checks, plans and builds like any other. It measures with ``plan`` (the estimate, never audio).
"""

from voicekit.plan.compose.composer import Composed, compose
from voicekit.plan.compose.request import Refusal, Request
from voicekit.plan.compose.write import save

__all__ = ["Composed", "Refusal", "Request", "compose", "save"]
