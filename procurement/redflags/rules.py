"""Load the rule declarations in `rules.yaml` and apply settings overrides to the Thai rules."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .settings import Config, SettingsError, pipe_set

RULES_FILE = Path(__file__).with_name("rules.yaml")


@dataclass(frozen=True)
class ThaiRule:
    id: str
    kind: str
    title: str
    description: str
    explanation: str
    basis: str
    procurement_methods: frozenset[str]
    procurement_method_details: frozenset[str]
    parameters: dict[str, Any]
    thresholds: tuple[dict[str, Any], ...] = field(default=())
    party_explanation: str = ""

    def applies_to(self, tender: dict | None) -> bool:
        """True when the rule has no method filter, or the tender's method or method details is listed."""
        if not self.procurement_methods and not self.procurement_method_details:
            return True
        if tender is None:
            return False
        method = tender.get("procurementMethod")
        if type(method) is str and method in self.procurement_methods:
            return True
        details = tender.get("procurementMethodDetails")
        return type(details) is str and details in self.procurement_method_details


@cache
def declarations() -> dict[str, Any]:
    with RULES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def cardinal_texts() -> dict[str, dict[str, str]]:
    return declarations()["cardinal"]


@cache
def thai_rules() -> tuple[ThaiRule, ...]:
    rules = []
    for entry in declarations()["thai_rules"]:
        rules.append(
            ThaiRule(
                id=entry["id"],
                kind=entry["kind"],
                title=entry["title"],
                description=" ".join(entry["description"].split()),
                explanation=" ".join(entry["explanation"].split()),
                basis=entry.get("basis", ""),
                procurement_methods=frozenset(entry.get("procurement_methods") or ()),
                procurement_method_details=frozenset(entry.get("procurement_method_details") or ()),
                parameters=dict(entry.get("parameters") or {}),
                thresholds=tuple(entry.get("thresholds") or ()),
                party_explanation=" ".join((entry.get("party_explanation") or "").split()),
            )
        )
    return tuple(rules)


def configured_rules(config: Config) -> list[ThaiRule]:
    """The Thai rules with overrides from `[THxx]` settings sections applied."""
    rules = {rule.id: rule for rule in thai_rules()}
    unknown = set(config.thai) - set(rules)
    if unknown:
        raise SettingsError(f"ไม่มีกฎไทยรหัส {', '.join(sorted(unknown))}")
    out = []
    for rule in rules.values():
        overrides = config.thai.get(rule.id)
        out.append(_override(rule, overrides) if overrides else rule)
    return out


def _override(rule: ThaiRule, overrides: dict[str, Any]) -> ThaiRule:
    parameters = dict(rule.parameters)
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        if key in ("procurement_methods", "procurement_method_details"):
            changes[key] = pipe_set(value, f"[{rule.id}] {key}")
        elif key in parameters:
            parameters[key] = _like(parameters[key], value, f"[{rule.id}] {key}")
        else:
            raise SettingsError(f"[{rule.id}] ไม่รู้จักค่า {key!r}")
    return replace(rule, parameters=parameters, **changes)


def _like(default: Any, value: Any, where: str) -> Any:
    """Coerce an override (often a string from INI) to the type of the declared default."""
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                lowered = value.strip().lower()
                if lowered not in {"true", "false", "1", "0", "yes", "no", "on", "off"}:
                    raise ValueError
                return lowered in {"true", "1", "yes", "on"}
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        return str(value)
    except (TypeError, ValueError):
        raise SettingsError(f"{where}: ค่า {value!r} ใช้ไม่ได้") from None
