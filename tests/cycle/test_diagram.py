"""The SVG loop: accessible, scalable, escaped, and in the reader's language."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from haven.cycle.diagram import draw
from haven.cycle.narrative import SideWords

SVG = "{http://www.w3.org/2000/svg}"
ANNA = SideWords(moves=("criticise", "chase"), feelings=("lonely",), longing='I\'m <here> & "near"')
BRAM = SideWords(moves=("go_quiet", "leave_room"), feelings=("failing", "not_good_enough"))


def _root(diagram):
    return ET.fromstring(str(diagram.svg))


def test_the_svg_is_an_accessible_image():
    root = _root(draw(ANNA, BRAM, "en"))
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Our cycle"
    assert desc.text.startswith("The more I criticise and chase you, the more you go quiet")


def test_it_scales_by_its_viewbox_for_a_phone():
    root = _root(draw(ANNA, BRAM, "en"))
    assert root.get("width") is None and root.get("height") is None
    x, y, width, height = (float(n) for n in root.get("viewBox").split())
    assert (x, y, width) == (0, 0, 360)
    assert height > 300


def test_surface_moves_outside_and_underneath_inside():
    root = _root(draw(ANNA, BRAM, "en"))
    surface = " ".join(
        t.text
        for g in root.iter(f"{SVG}g")
        if "cycle-surface" in g.get("class", "")
        for t in g.iter(f"{SVG}text")
    )
    inner = " ".join(
        t.text
        for g in root.iter(f"{SVG}g")
        if "cycle-underneath" in g.get("class", "")
        for t in g.iter(f"{SVG}text")
    )
    assert "Criticise" in surface and "Go quiet" in surface
    assert "lonely" not in surface
    assert "lonely" in inner and "afraid of failing" in inner
    assert "Go quiet" not in inner
    # The inside sits between the two boxes of moves.
    ellipse = root.find(f"{SVG}ellipse")
    assert ellipse is not None
    assert len(root.findall(f"{SVG}path")) >= 2  # the two arrows of the loop


def test_typed_text_is_escaped():
    svg = str(draw(ANNA, BRAM, "en").svg)
    assert "<here>" not in svg
    assert "&lt;here&gt; &amp;" in svg
    ET.fromstring(svg)  # still well-formed


def test_dutch_labels():
    diagram = draw(ANNA, BRAM, "nl")
    svg = str(diagram.svg)
    assert "Kritiek geven" in svg and "Stil worden" in svg and "eenzaam" in svg
    assert diagram.description.startswith("Hoe meer ik kritiek geef")


def test_the_text_alternative_holds_the_same_content():
    rows = {row.heading: row.items for row in draw(ANNA, BRAM, "en").rows}
    assert rows["What I do"] == ("Criticise", "Chase")
    assert rows["What you do"] == ("Go quiet", "Leave the room")
    assert rows["Underneath, you feel"] == ("afraid of failing", "not good enough")
    assert rows["I long to hear"] == ('I\'m <here> & "near"',)


def test_empty_sides_still_draw():
    root = _root(draw(SideWords(), SideWords(), "en"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "nothing named yet" in texts


def test_long_text_is_wrapped_within_the_box():
    long = SideWords(moves=("go_quiet",), feelings=("lonely",), longing="word " * 80)
    root = _root(draw(long, BRAM, "en"))
    assert all(len(t.text or "") <= 42 for t in root.iter(f"{SVG}text"))
