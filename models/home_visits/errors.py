"""Home visits' error codes, beside the rules that raise them."""

from __future__ import annotations

from enum import StrEnum

from core.errors import error_codes


@error_codes
class HomeVisitErrorCode(StrEnum):
    SLOT_TAKEN = "SLOT_TAKEN"  # another family booked it first
    SLOT_IN_PAST = "SLOT_IN_PAST"
    WRONG_CLASS = "WRONG_CLASS"  # the slot is for another class than the child's
    ALREADY_BOOKED = "ALREADY_BOOKED"  # the student has a visit planned already
    TOO_LATE_TO_CHANGE = "TOO_LATE_TO_CHANGE"  # past the cut-off before the visit
    VISIT_CLOSED = "VISIT_CLOSED"  # cancelled or recorded: nothing more to change
    NO_PLAN = "NO_PLAN"  # the class has no visit plan for this school year
    SLOT_CLASH = "SLOT_CLASH"  # the visitor already has a visit or slot at that time
    ALREADY_RECORDED = "ALREADY_RECORDED"
    NOT_RECORDED = "NOT_RECORDED"
