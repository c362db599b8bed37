"""De moeilijke gevallen uit de spec, in het Nederlands, met eigen testzinnen."""

import pytest

from tests.coach.helpers import check

NL = "nl"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Ik zeg niet dat je nooit kookt, maar deze week was het weer niks.", "generalization", ""),
        ("Het is niet dat je lui bent, maar de zolder staat nog steeds vol.", "criticism", ""),
        ("Je hoeft je echt niet altijd te verontschuldigen, hoor.", "-", ""),
        ("Ik denk niet dat je egoïstisch bent.", "-", ""),
        ("Het is niet jouw schuld dat de trein uitviel.", "", "blame"),
    ],
)
def test_ontkenning_en_meta_praat(text, present, absent):
    check(text, NL, present, absent)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "Mijn oma zei altijd 'jij maakt ook nooit iets af' en dat hoor ik nog steeds.",
            "",
            "criticism generalization",
        ),
        ("Mijn vader riep vroeger: je bent zo lui, en dat zit er nog in.", "", "criticism"),
        ("De buurman riep 'idioot' naar de pakketbezorger.", "-", ""),
    ],
)
def test_citaten_en_weergegeven_woorden(text, present, absent):
    check(text, NL, present, absent)


@pytest.mark.parametrize(
    "text",
    [
        "Je weet altijd precies hoe je me kunt opvrolijken.",
        "Je maakt me altijd aan het lachen, zelfs op maandag.",
        "Je klaagt nooit als mijn moeder blijft logeren, dankjewel.",
        "Je steunt altijd mijn rare plannen.",
        "Je laat me nooit in de steek.",
        "Jij staat altijd voor me klaar.",
    ],
)
def test_positieve_veralgemening_is_waardering(text):
    check(text, NL, "appreciation", "generalization criticism")


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Ik verpest het ook altijd met het avondeten, sorry.", "responsibility"),
        ("Ik weet nooit wat ik moet zeggen als je huilt.", "-"),
    ],
)
def test_over_jezelf_is_geen_veralgemening(text, present):
    check(text, NL, present, "generalization criticism")


@pytest.mark.parametrize(
    "text",
    [
        "Je weet maar nooit met het weer aan zee.",
        "Bij die garage moet je altijd weken van tevoren bellen.",
        "Tegenwoordig moet je alles online regelen bij de gemeente.",
    ],
)
def test_algemene_je_gaat_niet_over_de_partner(text):
    check(text, NL, "-")


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Ik heb het gevoel dat jij nooit tijd voor ons maakt.", "generalization criticism"),
        ("Ik heb het gevoel dat het je gewoon niks kan schelen.", "mind_reading"),
    ],
)
def test_nep_ik_boodschap_is_beschermend(text, present):
    check(text, NL, present, "feeling")


def test_echte_ik_boodschap_is_gevoel():
    check(
        "Ik voel me eenzaam als we 's avonds langs elkaar heen leven.", NL, "feeling", "criticism"
    )


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Ik hoor je, maar je maakt er echt een drama van.", "invalidation"),
        ("Ik snap dat je moe bent, maar jij helpt ook nooit 's ochtends.", "generalization"),
    ],
)
def test_erkenning_weggestreept_door_maar(text, present):
    check(text, NL, present, "validation")


@pytest.mark.parametrize(
    "text",
    [
        "Waarom moet jij altijd het laatste woord hebben?",
        "Waarom kun je nou nooit eens je bord opruimen?",
        "Waarom doe je toch altijd zo moeilijk over geld?",
    ],
)
def test_verwijtende_waarom_vragen(text):
    check(text, NL, "criticism", "curiosity")


def test_open_vraag_is_nieuwsgierigheid():
    check("Hoe was die avond eigenlijk voor jou?", NL, "curiosity", "criticism")


@pytest.mark.parametrize(
    "text",
    [
        "Ik word te boos om normaal te praten. Ik ga even wandelen, over een halfuur kom ik terug.",
        "Geef me tien minuten, dan kom ik bij je zitten en praten we verder.",
    ],
)
def test_pauze_met_belofte(text):
    check(text, NL, "repair_pause", "withdrawal")


@pytest.mark.parametrize("text", ["Ik ben weg. Bel me maar niet.", "Laat maar, ik ga slapen."])
def test_weglopen_is_dichtklappen(text):
    check(text, NL, "withdrawal", "repair_pause")


@pytest.mark.parametrize(
    "text",
    [
        "Nooit help je eens mee met de boodschappen.",
        "Altijd moet jij je zin krijgen.",
    ],
)
def test_woordvolgorde_inversie(text):
    check(text, NL, "generalization criticism")


@pytest.mark.parametrize(
    "text",
    [
        "Ik word er moe van omdat jij nooit je jas ophangt.",
        "Ik snap niet waarom je nooit iets terugzegt.",
    ],
)
def test_woordvolgorde_werkwoord_achteraan(text):
    check(text, NL, "generalization")


@pytest.mark.parametrize(
    "text",
    [
        "Je ruimt ook nooit je sokken op.",
        "Je geeft het ook nooit toe als je fout zit.",
    ],
)
def test_woordvolgorde_scheidbare_werkwoorden(text):
    check(text, NL, "generalization criticism")


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Wat een rotopmerking weer, typisch jij.", "contempt"),
        ("Je bent een beetje overgevoelig he.", "invalidation"),
        ("Je bent zo egoistisch.", "criticism"),
        ("Ik heb geen nieuwe ideeen meer voor het weekend.", "-"),
    ],
)
def test_samenstellingen_en_ontbrekende_accenten(text, present):
    check(text, NL, present)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("bedankt voor het opruimen 🙄", "contempt", "appreciation"),
        ("mis je ❤️", "feeling", ""),
        ("Boodschappen zijn gedaan 👍", "-", ""),
    ],
)
def test_emoji(text, present, absent):
    check(text, NL, present, absent)


@pytest.mark.parametrize(
    "text",
    [
        "Kun jij morgen de kinderen van school halen?",
        "De monteur komt donderdag tussen acht en twaalf.",
        "Heb jij de sleutels van de schuur gezien?",
    ],
)
def test_logistiek_blijft_neutraal(text):
    check(text, NL, "-")
