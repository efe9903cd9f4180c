"""Which wave each application migrates in: one rule, for validation and for the model
(numpy-free, so that ``validate`` stays light)."""

from __future__ import annotations

from soicost.inputs.models import Scenario


def wave_index(scenario: Scenario, app_ids: list[str]) -> dict[str, int]:
    """The index of the wave in which each application migrates.

    Ids listed in a wave go with it; the others are spread over the waves given as shares,
    in inventory order, wave k receiving round(cumulative share × N) minus those before.
    Applications left over (shares summing below 1) do not migrate.
    """
    known = set(app_ids)
    wave_of: dict[str, int] = {}
    for w, wave in enumerate(scenario.waves):
        for ident in wave.applications or []:
            if ident in known:
                wave_of.setdefault(ident, w)
    rest = [i for i in app_ids if i not in wave_of]
    cumulative = 0.0
    taken = 0
    for w, wave in enumerate(scenario.waves):
        if wave.share is None:
            continue
        cumulative += wave.share.fixed_value
        upto = min(len(rest), round(cumulative * len(rest) + 1e-9))
        for ident in rest[taken:upto]:
            wave_of[ident] = w
        taken = upto
    return wave_of
