"""Speaker checks: misspelt names, misattributed turns, announced questioners, titles and genders.

Every check reads the shared roster (`transcript.roster`, built in `auditor.roster`): speaker
headers, people introduced in the text and questioners the operator announced, with name-order
variants, initials and nicknames already resolved to one person. A name that only *resembles* a
roster name stays unresolved there; these checks decide whether that is worth an editor's time.
"""

from __future__ import annotations

from .announced_mismatch import AnnouncedSpeakerMismatch
from .gender_conflict import GenderConflict
from .header_name import HeaderNameNearMiss
from .near_miss import NearMissName
from .third_person import ThirdPersonInOwnTurn
from .title_conflict import TitleConflict

CHECKS = (
    NearMissName,
    ThirdPersonInOwnTurn,
    AnnouncedSpeakerMismatch,
    HeaderNameNearMiss,
    TitleConflict,
    GenderConflict,
)
