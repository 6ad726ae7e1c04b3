"""The production engine scores with the fused expertise (embedding + the need's lexical terms)
and with the weight set staff adopted, and only once they adopt it."""

import numpy as np
import pytest
from django.urls import reverse

from matching import fullpass, services, tasks
from matching.embeddings import EMBEDDING_DIM
from matching.models import Match, MatchRun, WeightSet
from profiles.models import AuditEntry
from tests.factories.profiles import ExpertProfileFactory
from tests.factories.projects import PublishedProjectFactory

pytestmark = pytest.mark.django_db


class SameVectorEmbedder:
    """Every text gets the same vector: the embedding side cannot tell experts apart, so only
    the lexical evidence can."""

    name = "same-vector"

    def _embed(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        vectors[:, 0] = 1.0
        return vectors

    embed_queries = embed_passages = _embed


def _expert(bio: str, embedder: object = None, **kwargs):
    profile = ExpertProfileFactory(
        bio=bio, collaboration_types=["consulting"], skill_slugs=["supply-chain"], **kwargs
    )
    services.expert_index_refresh(profile_id=profile.pk, embedder=embedder)
    return profile


def test_an_expert_whose_own_words_name_the_need_in_the_other_language_ranks_first():
    embedder = SameVectorEmbedder()
    # Created first, so it would come first on a tie (ties are broken by id).
    unrelated = _expert("Medieval manuscripts and their scribes.", embedder)
    # "groundwater" is an English synonym of the skill whose Spanish name the need uses.
    bridging = _expert("Groundwater specialist.", embedder)
    project = PublishedProjectFactory(
        title="Estudio de aguas subterráneas", summary="En el Bajío.", description=""
    )

    services.project_matches_recompute(project_id=project.pk, embedder=embedder)

    ranked = list(Match.objects.filter(project=project).order_by("-rank_score", "expert_id"))
    assert [m.expert_id for m in ranked] == [bridging.pk, unrelated.pk]
    semantic = {m.expert_id: m.components["semantic"] for m in ranked}
    assert semantic[bridging.pk] > semantic[unrelated.pk]
    assert ranked[0].score > ranked[1].score


FITTED = {
    "expert_fit": {"semantic": 0.1, "skills": 0.1, "fields": 0.1, "language": 0.7},
    "project_fit": {
        "hours": 0.9,
        "preferences": 0.025,
        "origin": 0.025,
        "timezone": 0.025,
        "modality": 0.025,
    },
}


def test_suggestions_change_only_after_staff_adopt_a_weight_set(
    client, staff, monkeypatch, hashing_embedder
):
    expert = _expert("Cadena de suministro de aguacate.", hours_per_month=2)
    project = PublishedProjectFactory(
        title="Cadena de suministro de aguacate", summary="Logística de exportación."
    )
    services.project_matches_recompute(project_id=project.pk)
    before = Match.objects.get(project=project, expert=expert)
    assert before.weights_version == "built-in"
    fitted = WeightSet.objects.create(
        version="fit-test", weights=FITTED, decisions=500, auc_fitted=0.8, auc_current=0.7
    )

    services.project_matches_recompute(project_id=project.pk)  # fitted, not adopted
    assert Match.objects.get(pk=before.pk).score == before.score

    sent = []
    monkeypatch.setattr(tasks.full_pass_task, "delay", sent.append)
    client.force_login(staff)
    response = client.post(
        reverse("admin:matching_weightset_changelist"),
        {"action": "adopt", "_selected_action": [fitted.pk]},
    )
    assert response.status_code == 302
    run = MatchRun.objects.get(scope=MatchRun.Scope.FULL)
    assert sent == [run.pk], "a full re-match is queued"
    assert AuditEntry.objects.filter(action="matching.weights_adopt", object_id=str(fitted.pk))
    assert Match.objects.get(pk=before.pk).score == before.score, "not until the pass runs"

    fullpass.matches_full_pass(run_id=run.pk)  # what the worker does with the task

    after = Match.objects.get(pk=before.pk)
    assert after.weights_version == "fit-test"
    assert after.score != before.score
    assert after.components["semantic"] == before.components["semantic"]
