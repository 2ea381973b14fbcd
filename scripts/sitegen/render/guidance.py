"""Pages for the campaign model: phases, batches, roles and bodies, checklists."""
from __future__ import annotations

from ..model.campaign import Campaign, Item
from .common import (
    facts_html,
    front_matter,
    heading,
    item_link,
    item_page,
    links_line,
    sources_block,
)
from .html import Linker, esc
from .paths import FOLDERS, page_of, rel


class Ctx:
    """What every guidance page needs: the model, the documents, the term linker."""

    def __init__(self, campaign: Campaign, documents: dict, linker: Linker):
        self.campaign, self.documents, self.linker = campaign, documents, linker

    def facts(self, page, facts, skip=frozenset()):
        return facts_html(self.campaign, page, facts or [], self.documents, self.linker, skip)

    def sources(self, page, citations, title="出处"):
        return sources_block(self.campaign, page, citations or [], self.documents, title)

    def links(self, page, ids, label):
        return links_line(self.campaign, page, ids or [], label)

    def backlinks(self, page, item: Item, kind: str, label: str):
        found = self.campaign.linked_from(item.id, kind)
        return self.links(page, [i.id for i in found], label)

    def tail(self, page, item: Item, facts_title: str, citations: list | None = None) -> str:
        """What every item page ends with: its other facts, the terms that point at
        it, and its own citations."""
        data = item.data
        facts = heading(2, facts_title, "facts") + self.facts(page, data["facts"]) if data.get("facts") else ""
        terms = self.backlinks(page, item, "term", "相关术语")
        return facts + terms + self.sources(page, data.get("sources") if citations is None else citations)

    def summary(self, page, item):
        text = item.data.get("summary")
        return f'<p class="summary">{self.linker.text(text, page, rel)}</p>\n\n' if text else ""


def _where(ctx: Ctx, page: str, where: dict | None) -> str:
    where = where or {}
    return "".join(
        ctx.links(page, where.get(key), label)
        for key, label in (("batches", "批次"), ("phases", "阶段"), ("steps", "环节"))
    )


def phase_page(ctx: Ctx, item: Item) -> str:
    page, data, campaign = item_page(item), item.data, ctx.campaign
    phases = campaign.of_kind("phase")
    out = [front_matter("phase", item.title), heading(1, item.title), ctx.summary(page, item)]
    order = [f"<strong>{esc(p.title)}</strong>" if p.id == item.id else item_link(campaign, page, p.id) for p in phases]
    out.append(f'<p class="phase-order">第 {data["order"]} 阶段（共 {len(phases)} 个）：{" → ".join(order)}</p>\n\n')
    out.append(ctx.backlinks(page, item, "batch", "适用批次"))
    steps = data.get("steps") or []
    if steps:
        out.append(heading(2, "关键环节", "steps"))
        out.append('<ol class="step-list">' + "".join(
            f'<li><a href="#{esc(s["id"])}">{esc(s["title"])}</a></li>' for s in steps if "id" in s
        ) + "</ol>\n\n")
        for number, step in enumerate(steps, 1):
            step_item = campaign.items.get(step.get("id"))
            out.append(heading(3, f"{number}. {step['title']}", step["id"]))
            if step.get("level"):
                out.append(f'<p class="level-note">层级：{esc(step["level"])}</p>\n\n')
            if step.get("summary"):
                out.append(f"<p>{ctx.linker.text(step['summary'], page, rel)}</p>\n\n")
            if step.get("requires"):
                out.append("<p><strong>要求：</strong></p>\n\n" + ctx.facts(page, step["requires"]))
            responsible = list(step.get("responsible") or [])
            if step_item:
                responsible += [i.id for i in campaign.linked_from(step_item.id, "role") if i.id not in responsible]
            out.append(ctx.links(page, responsible, "负责"))
            checklists = list(step.get("checklists") or [])
            if step_item:
                checklists += [i.id for i in campaign.linked_from(step_item.id, "checklist") if i.id not in checklists]
            out.append(ctx.links(page, checklists, "适用清单"))
            out.append(ctx.sources(page, step.get("sources")))
    out.append(heading(2, "谁负责", "who"))
    roles = [i.id for i in campaign.linked_from(item.id, "role")]
    out.append(ctx.links(page, roles, "在本阶段履职") or "<p>模型中没有角色直接关联本阶段。</p>\n\n")
    out.append(ctx.backlinks(page, item, "checklist", "适用清单"))
    out.append(ctx.tail(page, item, "其他要求"))
    return "".join(out)


def batch_page(ctx: Ctx, item: Item) -> str:
    page, data, campaign = item_page(item), item.data, ctx.campaign
    out = [front_matter("batch", item.title), heading(1, data.get("name") or item.title), ctx.summary(page, item)]
    if data.get("name") and data["name"] != item.title:
        out.insert(2, f'<p class="aka">简称：{esc(item.title)}</p>\n\n')
    period = data.get("period")
    if period:
        span = "–".join(x for x in (period.get("start"), period.get("end")) if x)
        out.append(heading(2, "时间", "period"))
        out.append(f'<p><strong>{esc(span)}</strong> {ctx.linker.text(period["text"], page, rel)}</p>\n\n')
        out.append(ctx.sources(page, period.get("sources")))
    if data.get("participants"):
        out.append(heading(2, "参加单位", "participants") + ctx.facts(page, data["participants"]))
    if data.get("scale"):
        out.append(heading(2, "规模", "scale"))
        rows = "".join(
            f"<tr><td>{esc(s.get('scope', ''))}</td><td>{esc(s['what'])}</td><td>{esc(s['figure'])}</td>"
            f"<td>{ctx.sources(page, s.get('sources'), '出处').strip()}</td></tr>"
            for s in data["scale"]
        )
        out.append(f'<div class="scale"><table><thead><tr><th scope="col">范围</th><th scope="col">对象</th><th scope="col">数量</th><th scope="col">出处</th></tr></thead><tbody>{rows}</tbody></table></div>\n\n')
    out.append(heading(2, "阶段", "phases"))
    out.append(ctx.links(page, data.get("phases"), "依次经过") or "<p>未在模型中列出。</p>\n\n")
    out.append(ctx.backlinks(page, item, "role", "相关职责"))
    out.append(ctx.backlinks(page, item, "checklist", "适用清单"))
    out.append(ctx.tail(page, item, "其他情况"))
    return "".join(out)


def role_page(ctx: Ctx, item: Item) -> str:
    page, data, campaign = item_page(item), item.data, ctx.campaign
    out = [front_matter("role", item.title), heading(1, item.title)]
    out.append(f'<p class="kind-badge">{"机构" if data.get("kind") == "body" else "角色"}</p>\n\n')
    out.append(ctx.summary(page, item))
    out.append(ctx.links(page, data.get("part_of"), "隶属"))
    out.append(ctx.backlinks(page, item, "role", "下设"))
    out.append(heading(2, "职责", "duties"))
    out.append(ctx.facts(page, data.get("duties")) or "<p>原始文件未列明具体职责。</p>\n\n")
    out.append(heading(2, "在哪里履职", "where"))
    where = _where(ctx, page, data.get("acts_in"))
    steps = [(phase, step) for phase in campaign.of_kind("phase") for step in phase.data.get("steps") or [] if item.id in (step.get("responsible") or [])]
    if steps:
        where += '<p class="links"><strong>负责环节：</strong>' + "、".join(item_link(campaign, page, s["id"]) for _, s in steps) + "</p>\n\n"
    out.append(where or "<p>模型中未关联具体阶段或环节。</p>\n\n")
    out.append(ctx.backlinks(page, item, "checklist", "使用的清单"))
    out.append(ctx.tail(page, item, "其他"))
    return "".join(out)


def checklist_page(ctx: Ctx, item: Item) -> str:
    page, data = item_page(item), item.data
    out = [front_matter("checklist", item.title), heading(1, item.title), ctx.summary(page, item)]
    boxes = "".join(
        f'<li><label><input type="checkbox"> {ctx.linker.text(entry["text"], page, rel)}</label></li>'
        for entry in data["items"]
    )
    out.append(f'<ol class="checklist">{boxes}</ol>\n\n')
    out.append(ctx.links(page, data.get("used_by"), "使用者"))
    out.append(_where(ctx, page, data.get("applies_to")))
    steps = [s for s in ctx.campaign.linked_from(item.id, "step")]
    out.append(ctx.links(page, [s.id for s in steps], "用于环节"))
    if data.get("when"):
        out.append(f"<p><strong>何时：</strong>{ctx.linker.text(data['when'], page, rel)}</p>\n\n")
    cites = list(data.get("sources") or []) + [c for entry in data["items"] for c in entry.get("sources") or []]
    out.append(ctx.tail(page, item, "说明", cites))
    return "".join(out)


def kind_index(ctx: Ctx, kind: str, title: str, intro: str) -> str:
    page = f"{FOLDERS[kind]}/index.md"  # not page_of: an item may be called index
    items = ctx.campaign.of_kind(kind)
    out = [front_matter("page", title), heading(1, title), f"<p>{esc(intro)}</p>\n\n"]
    rows = []
    for item in items:
        summary = item.data.get("summary") or item.data.get("name") or ""
        rows.append(f"<li>{item_link(ctx.campaign, page, item.id)}{('：' + esc(summary)) if summary else ''}</li>")
    out.append(f"<ul>{''.join(rows)}</ul>\n" if rows else "<p>暂无条目。</p>\n")
    return "".join(out)


def matrix_page(ctx: Ctx) -> str:
    """Roles x phases: where each role acts (its own links, its steps, its checklists)."""
    page, campaign = "matrix.md", ctx.campaign
    phases, roles = campaign.of_kind("phase"), campaign.of_kind("role")
    out = [front_matter("page", "职责矩阵"), heading(1, "职责矩阵")]
    out.append("<p>行是角色和机构，列是阶段；格中列出该角色在该阶段负责的环节，“●”表示在该阶段履职但未指定环节。</p>\n\n")
    rows = []
    for role in roles:
        acts = role.data.get("acts_in") or {}
        cells = []
        for phase in phases:
            steps = [s for s in phase.data.get("steps") or [] if role.id in (s.get("responsible") or []) or s.get("id") in (acts.get("steps") or [])]
            if steps:
                cells.append("<br>".join(item_link(campaign, page, s["id"]) for s in steps))
            elif phase.id in (acts.get("phases") or []):
                cells.append("●")
            else:
                cells.append("")
        rows.append((item_link(campaign, page, role.id), cells))
    out.append(grid_table("matrix", "角色／机构", [(item_link(campaign, page, p.id), p.title) for p in phases], rows) + "\n")
    return "".join(out)


def grid_table(css: str, corner: str, columns: list[tuple[str, str]], rows: list[tuple[str, list[str]]]) -> str:
    """A table of row headers x column headers (columns: (header HTML, plain name);
    rows: (header HTML, the cells' inner HTML)).
    On a phone site.css lays it out as a card per row, each cell under its column's
    name (data-col), so the cells carry their table roles: some browsers drop a table's
    semantics once it is displayed as blocks."""
    head = "".join(f'<th scope="col" role="columnheader">{html}</th>' for html, _ in columns)
    body = "".join(
        f'<tr role="row"><th scope="row" role="rowheader">{header}</th>'
        + "".join(f'<td role="cell" data-col="{esc(name)}">{cell}</td>' for cell, (_, name) in zip(cells, columns))
        + "</tr>"
        for header, cells in rows
    )
    return (f'<div class="{css} grid"><table role="table"><thead><tr role="row"><th scope="col" role="columnheader">{esc(corner)}</th>'
            f"{head}</tr></thead><tbody>{body}</tbody></table></div>")


def home_page(ctx: Ctx, settings: dict, counts: dict) -> str:
    page, campaign = "index.md", ctx.campaign
    title = settings.get("title") or "指南"
    out = [front_matter("page", title), heading(1, title)]
    if settings.get("description"):
        out.append(f"<p>{ctx.linker.text(settings['description'], page, rel)}</p>\n\n")
    batches, phases = campaign.of_kind("batch"), campaign.of_kind("phase")
    if batches and phases:
        out.append(heading(2, "一览", "glance"))
        rows = []
        for batch in batches:
            period = (batch.data.get("period") or {})
            span = "–".join(x for x in (period.get("start"), period.get("end")) if x)
            cells = []
            for phase in phases:
                if phase.id in (batch.data.get("phases") or []):
                    steps = "、".join(item_link(campaign, page, s["id"]) for s in phase.data.get("steps") or [])
                    cells.append(steps or "●")
                else:
                    cells.append("")
            rows.append((f"{item_link(campaign, page, batch.id)}<br><small>{esc(span)}</small>", cells))
        out.append(grid_table("timeline", "批次", [(item_link(campaign, page, p.id), p.title) for p in phases], rows) + "\n\n")
    out.append(heading(2, "从这里开始", "start"))
    entries = [
        ("phases/index.md", "阶段", counts.get("phase", 0)),
        ("batches/index.md", "批次", counts.get("batch", 0)),
        ("roles/index.md", "职责", counts.get("role", 0)),
        ("matrix.md", "职责矩阵", None),
        ("checklists/index.md", "清单", counts.get("checklist", 0)),
        ("glossary/index.md", "术语", counts.get("term", 0)),
        ("sources/index.md", "原始文件", counts.get("document", 0)),
    ]
    cards = "".join(
        f'<li><a href="{esc(rel(page, target))}">{esc(label)}</a>{f"（{n}）" if n is not None else ""}</li>'
        for target, label, n in entries
    )
    out.append(f'<ul class="start">{cards}</ul>\n')
    return "".join(out)
