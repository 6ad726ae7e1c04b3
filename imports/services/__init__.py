from imports.services.claims import (
    ClaimExpired,
    account_claim,
    account_from_token,
    claim_invitation_resend,
    claim_invitations_send,
    claim_token,
)
from imports.services.jobs import (
    job_create,
    job_fail,
    job_map,
    job_retry,
    job_start,
    mapping_apply,
)
from imports.services.running import job_import_chunks
from imports.services.validation import job_validate

__all__ = [
    "ClaimExpired",
    "account_claim",
    "account_from_token",
    "claim_invitation_resend",
    "claim_invitations_send",
    "claim_token",
    "job_create",
    "job_import_chunks",
    "job_fail",
    "job_map",
    "job_retry",
    "job_start",
    "job_validate",
    "mapping_apply",
]
