"""The signed actor network as JSON, GraphML or dynamic GEXF (Gephi).

Edges are undirected pairs with the pair's score (-1..1), its sign, the evidence mass as weight,
the first and last evidence dates, and one spell per year with that year's score. GEXF 1.3 carries
the spells as dynamic attribute values, so Gephi's timeline shows the relationship changing.
"""

from __future__ import annotations

import json
from datetime import date
from xml.etree import ElementTree as ET

from frenemy.assess.balance import Network
from frenemy.report.listing import json_default

FORMATS = ("json", "graphml", "gexf")


def to_json(net: Network) -> str:
    data = {
        "nodes": [{"id": k, "name": v} for k, v in sorted(net.nodes.items())],
        "edges": [e.__dict__ for e in net.edges],
    }
    return json.dumps(data, default=json_default, ensure_ascii=False, indent=2) + "\n"


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def to_graphml(net: Network) -> str:
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    keys = [("name", "node", "string"), ("score", "edge", "double"), ("sign", "edge", "int"),
            ("weight", "edge", "double"), ("n_evidence", "edge", "int"), ("start", "edge", "string"),
            ("end", "edge", "string")]
    for name, domain, kind in keys:
        ET.SubElement(root, "key", {"id": name, "for": domain, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="frenemy", edgedefault="undirected")
    for actor_id, name in sorted(net.nodes.items()):
        node = ET.SubElement(graph, "node", id=actor_id)
        ET.SubElement(node, "data", key="name").text = name
    for n, e in enumerate(net.edges):
        edge = ET.SubElement(graph, "edge", id=f"e{n}", source=e.source, target=e.target)
        for key, value in (("score", e.score), ("sign", e.sign), ("weight", e.weight), ("n_evidence", e.n_evidence),
                           ("start", _iso(e.start)), ("end", _iso(e.end))):
            ET.SubElement(edge, "data", key=key).text = str(value)
    return _xml(root)


def to_gexf(net: Network) -> str:
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "frenemy"
    graph = ET.SubElement(root, "graph", {"mode": "dynamic", "defaultedgetype": "undirected", "timeformat": "date"})
    attributes = ET.SubElement(graph, "attributes", {"class": "edge", "mode": "dynamic"})
    for index, (title, kind) in enumerate((("score", "double"), ("sign", "integer"))):
        ET.SubElement(attributes, "attribute", id=str(index), title=title, type=kind)
    nodes = ET.SubElement(graph, "nodes")
    for actor_id, name in sorted(net.nodes.items()):
        ET.SubElement(nodes, "node", id=actor_id, label=name)
    edges = ET.SubElement(graph, "edges")
    for n, e in enumerate(net.edges):
        attrs = {"id": f"e{n}", "source": e.source, "target": e.target, "weight": str(e.weight)}
        if e.start:
            attrs["start"] = _iso(e.start)
        if e.end:
            attrs["end"] = _iso(max(e.end, e.start or e.end))
        edge = ET.SubElement(edges, "edge", attrs)
        values = ET.SubElement(edge, "attvalues")
        spells = e.spells or [{"start": e.start, "end": e.end, "score": e.score, "sign": e.sign}]
        for spell in spells:
            span = {k: _iso(spell[k]) for k in ("start", "end") if spell[k]}
            ET.SubElement(values, "attvalue", {"for": "0", "value": str(spell["score"]), **span})
            ET.SubElement(values, "attvalue", {"for": "1", "value": str(spell["sign"]), **span})
    return _xml(root)


def _xml(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render(net: Network, fmt: str) -> str:
    return {"json": to_json, "graphml": to_graphml, "gexf": to_gexf}[fmt](net)


__all__ = ["FORMATS", "render", "to_gexf", "to_graphml", "to_json"]
