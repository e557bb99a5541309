"""A small hand-made corpus about the Camp Ashraf clashes, from four outlets, plus unrelated
articles: every cross-article link the store makes has a known right answer here."""

from __future__ import annotations

from newsledger.schema import Analysis
from tests.corpus.builders import Article

TEHRAN, NCRI, WIRE, HEALTH = (
    "tehran-times.example",
    "ncri.example",
    "wire.example",
    "health.example",
)


def camp_ashraf() -> Article:
    article = Article(
        "Iraqi officials said the MKO attacked Iraqi forces at Camp Ashraf on Friday. "
        "The terrorist cult has long been a thorn in Baghdad's side. "
        "Maryam Rajavi leads the group from Paris.",
        site=TEHRAN,
        title="MKO attacks Iraqi forces at Camp Ashraf",
        section=["Middle East"],
        published="2011-04-09",
        url="https://tehran-times.example/mko-attack",
    )
    mko = article.entity("MKO", "ORG", "MKO", "The terrorist cult")
    camp = article.entity("Camp Ashraf", "FAC")
    article.entity("Maryam Rajavi", "PERSON", aliases=("Rajavi",))
    article.statement(
        "the MKO attacked Iraqi forces at Camp Ashraf on Friday", "said", speaker="Iraqi officials"
    )
    article.event(
        "attacked",
        "ASSAULT",
        actor=("the MKO", mko),
        target=("Iraqi forces", None),
        when=("on Friday", "2011-04-08"),
        evidence="the MKO attacked Iraqi forces at Camp Ashraf on Friday",
    )
    article.technique("terrorist cult", "Name_Calling,Labeling")
    article.label(mko, "terrorist cult")
    del camp
    return article


def pmoi_denial() -> Article:
    article = Article(
        "The PMOI denied that its members attacked Iraqi forces at Camp Ashraf. "
        "Iraqi troops raided Camp Ashraf on 8 April, killing 35 residents, "
        "the People's Mojahedin Organization of Iran said.",
        site=NCRI,
        title="PMOI: Iraqi troops raided Camp Ashraf",
        section=["News", "Iraq"],
        published="2011-04-10",
    )
    pmoi = article.entity(
        "People's Mojahedin Organization of Iran",
        "ORG",
        "PMOI",
        "People's Mojahedin Organization of Iran",
        aliases=("PMOI",),
    )
    camp = article.entity("Camp Ashraf", "FAC")
    article.statement(
        "its members attacked Iraqi forces at Camp Ashraf",
        "denied",
        speaker="The PMOI",
        entity=pmoi,
    )
    article.statement(
        "Iraqi troops raided Camp Ashraf on 8 April, killing 35 residents",
        "said",
        speaker="the People's Mojahedin Organization of Iran",
        entity=pmoi,
    )
    article.event(
        "raided",
        "ASSAULT",
        actor=("Iraqi troops", None),
        target=("Camp Ashraf", camp),
        when=("on 8 April", "2011-04-08"),
    )
    article.label(pmoi, "PMOI", 2)
    return article


def wire_report() -> Article:
    article = Article(
        "The Mojahedin-e Khalq attacked Iraqi forces at Camp Ashraf on Friday, Iraqi officials "
        "said. Ali al-Dabbagh, a government spokesman, told reporters 35 people were killed in "
        "the clashes at Camp Ashraf.",
        site=WIRE,
        title="Deadly clashes at Iraq's Camp Ashraf",
        section=["World", "Middle East"],
        published="2011-04-09T14:30:00Z",
    )
    mko = article.entity("Mojahedin-e Khalq", "ORG", "The Mojahedin-e Khalq")
    article.entity("Camp Ashraf", "FAC")
    spokesman = article.entity("Ali al-Dabbagh", "PERSON")
    article.statement(
        "The Mojahedin-e Khalq attacked Iraqi forces at Camp Ashraf on Friday",
        "said",
        speaker="Iraqi officials",
    )
    article.statement(
        "35 people were killed in the clashes at Camp Ashraf",
        "told",
        speaker="Ali al-Dabbagh",
        entity=spokesman,
    )
    article.event(
        "attacked",
        "ASSAULT",
        actor=("The Mojahedin-e Khalq", mko),
        target=("Iraqi forces", None),
        when=("on Friday", "2011-04-08"),
    )
    article.label(mko, "Mojahedin-e Khalq")
    return article


def ministry_charge() -> Article:
    article = Article(
        "The MEK is a terrorist group, the Iranian foreign ministry said. Rajavi denied the "
        "charge. The Habilian Association urged Baghdad to expel the group.",
        site=TEHRAN,
        title="Iran calls the MEK a terrorist group",
        section=["Middle East"],
        published="2011-06-20",
    )
    mek = article.entity("MEK", "ORG", "MEK")
    ministry = article.entity("Iranian foreign ministry", "ORG", "the Iranian foreign ministry")
    rajavi = article.entity("Rajavi", "PERSON")
    habilian = article.entity("Habilian Association", "ORG")
    article.entity("Baghdad", "GPE")
    charge = article.statement(
        "The MEK is a terrorist group",
        "said",
        speaker="the Iranian foreign ministry",
        entity=ministry,
    )
    article.statement("the charge", "denied", speaker="Rajavi", entity=rajavi, denies=charge)
    article.event(
        "urged", "APPEAL", actor=("The Habilian Association", habilian), target=("Baghdad", None)
    )
    article.technique("terrorist group", "Loaded_Language", 0.8)
    article.label(mek, "terrorist group", 2)
    return article


def plague() -> Article:
    article = Article(
        "The World Health Organisation said the plague outbreak in Madagascar appeared to be "
        "under control.",
        site=HEALTH,
        title="Plague outbreak under control",
        section=["Health"],
        published="2017-11-22",
    )
    who = article.entity("World Health Organisation", "ORG")
    article.entity("Madagascar", "GPE")
    article.statement(
        "the plague outbreak in Madagascar appeared to be under control",
        "said",
        speaker="The World Health Organisation",
        entity=who,
    )
    return article


def lakeland_talks() -> Article:
    article = Article(
        "The Free Lakeland Front (FLF) said it would hold talks with the government in Port Elm.",
        site=WIRE,
        title="Rebels offer talks",
        section=["World"],
        published="2012-01-05",
    )
    article.entity("Free Lakeland Front", "ORG", "Free Lakeland Front", "FLF", aliases=("FLF",))
    article.entity("Port Elm", "GPE")
    return article


def lakeland_clash() -> Article:
    article = Article(
        "FLF fighters clashed with soldiers near Port Elm on Thursday.",
        site=NCRI,
        published="2012-01-06",
    )
    article.entity("FLF", "ORG")
    article.entity("Port Elm", "GPE")
    return article


def sample_corpus() -> list[Analysis]:
    """The articles in the order they are stored."""
    builders = (
        camp_ashraf,
        pmoi_denial,
        wire_report,
        ministry_charge,
        plague,
        lakeland_talks,
        lakeland_clash,
    )
    return [build().build() for build in builders]
