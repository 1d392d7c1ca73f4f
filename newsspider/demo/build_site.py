"""Generate the offline demo news site "Demo Daily" and its extraction ground truth.

``python -m newsspider.demo.build_site`` rewrites ``newsspider/demo/site/`` and
``newsspider/demo/ground_truth.json``. All text comes from sentence templates filled by a
fixed-seed RNG, so the output is byte-for-byte reproducible; this module is the source of
truth, the generated files are committed.

Four article templates imitate different CMSs: ``modern`` (HTML5 + Open Graph + JSON-LD),
``legacy`` (WordPress "Newspaper" theme div soup, no JSON-LD), ``plain`` (minimal markup,
JSON-LD with ``articleBody``) and ``obfuscated`` (CSS-in-JS output: hashed class names, only
``<div>``s in one column, no JSON-LD, plus site-specific lines that only site-level learning
can tell from the story). Every article page carries the boilerplate of the reference
page in ``/work/shared/seed``: top bar (date, weather, city), teaser list, section label glued
to the headline, and -- inside the article container -- credit line, disclaimer, "Check out
our other content", "Check out other tags:", plus a "Most Popular Articles" list.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path
from typing import Any

from newsspider.demo import GROUND_TRUTH_PATH, SITE_DIR
from newsspider.demo.build_discovery import FEED_LINKS, write_discovery

SEED = 20240421
SITE_NAME = "Demo Daily"
ARTICLES_PER_SECTION = 12
TEMPLATES = ("modern", "legacy", "plain", "obfuscated")

# Boilerplate as the reference page shows it.
TOPBAR_DATE = "Sunday, April 21, 2024"
TOPBAR_WEATHER = "14.2 C"
TOPBAR_CITY = "Los Angeles"
DISCLAIMER = (
    "Disclaimer: The views expressed in this article are independent views solely of the "
    "author(s) expressed in their private capacity."
)
DISCLAIMER_LEGACY = (
    "Disclaimer: The views expressed in this article are solely those of the author(s) and "
    "do not necessarily reflect the position of Demo Daily."
)
OTHER_CONTENT = "Check out our other content"
OTHER_TAGS = "Check out other tags:"
MOST_POPULAR = "Most Popular Articles"
COPYRIGHT = "\u00a9 2024 Demo Daily"
# Site-specific lines of the obfuscated template: no generic rule can know them, only their
# repetition across pages gives them away (site-level boilerplate learning).
SITE_PROMO = "Demo Daily is free to read thanks to readers like you."
SITE_CORRECTIONS = "Spotted a mistake? Write to the desk and we will put it right."
WIRE_SOURCES = ("Reuters", "AP", "AFP", "Demo Daily Wire", "Pacific News Agency",
                "Northern Press Service")

#: Strings found on article pages that must never occur in an article body.
BOILERPLATE_MARKERS = [
    TOPBAR_DATE, TOPBAR_WEATHER, TOPBAR_CITY, "Story from", "Disclaimer:", OTHER_CONTENT,
    "Check out other tags", MOST_POPULAR, "Share this", "newsletter", "Advertisement",
    COPYRIGHT, "All rights reserved", "Filed under", "Previous article", "Next article",
    "Top stories", "Tags:",
]
#: Lines of the obfuscated template that only site-level learning can remove: they repeat on
#: every page of that template, but no generic boilerplate rule knows their wording.
SITE_BOILERPLATE_MARKERS = [SITE_PROMO, SITE_CORRECTIONS]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine")

# --------------------------------------------------------------------------------------------
# People, places and the newsroom
# --------------------------------------------------------------------------------------------

AUTHORS: list[tuple[str, str]] = [  # (name, job title)
    ("Maya Okafor", "Senior Correspondent"), ("Daniel Reyes", "Business Editor"),
    ("Lucía Fernández", "Science Writer"), ("Tom Whitcombe", "Foreign Correspondent"),
    ("Hannah Lindqvist", "Culture Critic"), ("Samuel Adeyemi", "Economics Reporter"),
    ("Priya Raman", "Staff Writer"), ("Jonas Bergström", "Europe Correspondent"),
    ("Claire Dubois", "Arts Editor"), ("Kenji Morita", "Technology Reporter"),
    ("Rosa Delgado", "Environment Correspondent"), ("Oliver Grant", "Political Editor"),
    ("Amara Nwosu", "Staff Writer"), ("Felix Hartmann", "Data Reporter"),
    ("Zoë Castellanos", "Deputy Editor"),
]

FIRST_NAMES = ("Adriana", "Bernard", "Carmen", "Dmitri", "Elena", "Farid", "Greta", "Hugo",
               "Ines", "Jakob", "Katarina", "Luis", "Mirela", "Nikolai", "Odile", "Pavel",
               "Rania", "Stefan", "Tereza", "Viktor", "Wanda", "Yusuf", "Aurélie", "Bogdan",
               "Celeste", "Emil", "Ilse", "Marek", "Noor", "Renata", "Soren", "Teodor")
LAST_NAMES = ("Albescu", "Brandt", "Castillo", "Danek", "Ekholm", "Ferrante", "Gallo",
              "Halloran", "Ivanic", "Jansen", "Kovac", "Lemaire", "Marlow", "Novak", "Oduya",
              "Petrescu", "Quintero", "Rasmussen", "Sorensen", "Toivonen", "Umarov",
              "Varga", "Wexler", "Zelenko", "Achterberg", "Bianchi", "Moreau", "Nakamura",
              "Olsen", "Pereira", "Sandoval", "Tanaka")
COUNTRIES = ("Valdoria", "Eastmark", "Korvania", "Meridia", "Caledor", "Istrava", "Belmora",
             "Tarsova", "Quenland", "Lusitara", "Orvena", "Kestria")
CITIES = ("Port Almera", "Velgrad", "San Teodoro", "Marlow Bay", "Kesselburg", "Aurelia",
          "Dunmore", "Halvik", "Nova Ferra", "Ridgeport", "Solano Heights", "Tervola",
          "Westhaven", "Brightwater", "Eastbridge", "Fairhaven", "Greyford", "Søndervik",
          "Élancourt", "Castel Rocca")


@dataclass(frozen=True)
class Kind:
    """A family of stories: headline, lede and detail templates plus its entities."""

    name: str
    tag: str
    topics: tuple[str, ...]
    orgs: tuple[str, ...]
    p1_roles: tuple[str, ...]
    headlines: tuple[str, ...]
    ledes: tuple[str, ...]
    details: tuple[str, ...]
    general: tuple[str, ...] = ()  # replaces the section's generic sentences if set


@dataclass(frozen=True)
class SectionSpec:
    """A site section with its story kinds, generic sentences and tags."""

    name: str
    slug: str
    blurb: str
    kinds: tuple[Kind, ...]
    general: tuple[str, ...]
    p2_roles: tuple[str, ...]
    p3_roles: tuple[str, ...]
    list_items: tuple[str, ...]
    extra_tags: tuple[str, ...]


WORLD = SectionSpec(
    name="World", slug="world",
    blurb="Diplomacy, elections and emergencies from around the globe.",
    kinds=(
        Kind(
            "summit", "Diplomacy",
            topics=("fisheries", "border trade", "water sharing", "energy transit",
                    "grain export", "rail link"),
            orgs=("the Northern Maritime Council", "the Regional Security Forum",
                  "the Coastal Nations Alliance", "the Commission for River Basins",
                  "the Continental Trade Office"),
            p1_roles=("{country}'s foreign minister", "the chief negotiator for {country}",
                      "{country}'s deputy prime minister"),
            headlines=(
                "{Country} and {country2} sign {topic} pact after marathon talks in {city}",
                "Leaders meet in {city} as {topic} negotiations near deadline",
                "{Country} agrees new {topic} deal with {country2} at {city} summit",
                "{Country} and {country2} settle long-running {topic} dispute",
            ),
            ledes=(
                "Negotiators from {country} and {country2} reached a {topic} agreement in "
                "{city} on {day}, ending {n_small} years of stalled talks.",
                "{Country} and {country2} have agreed on a framework for {topic} cooperation "
                "following {n_word} days of negotiations in {city}.",
                "After a week of closed-door meetings in {city}, the governments of {country} "
                "and {country2} announced a joint {topic} plan on {day}.",
                "The {topic} deal between {country} and {country2}, signed in {city} this "
                "week, would take effect in {month_next} if both parliaments ratify it.",
            ),
            details=(
                "The text runs to {n} pages and includes a dispute mechanism overseen by {org}.",
                "{P1}, {p1_role}, signed on behalf of {country} in a short ceremony attended "
                "by {n} delegates.",
                "A joint commission based in {city} will meet every {n_small} months to review "
                "progress and settle disagreements.",
                "Negotiators said the hardest issue had been how to share costs, estimated at "
                "{money} over the first decade.",
                "The deal also creates a fund of {money} to support communities along the "
                "shared border with {country2}.",
                "Both sides agreed to publish annual figures, a demand that {org} had pressed "
                "for since {year}.",
                "Ratification votes are expected in both capitals before the end of "
                "{month_next}, diplomats in {city} said.",
                "Under the agreement, inspections will be carried out jointly, with {n} "
                "officials from each side assigned to the work.",
            ),
        ),
        Kind(
            "election", "Elections",
            topics=("parliamentary", "presidential", "regional", "mayoral", "municipal",
                    "snap"),
            orgs=("the Electoral Observation Mission", "the Regional Security Forum",
                  "the Continental Democracy Institute", "the Civic Monitoring Network"),
            p1_roles=("a former mayor of {city}", "the leader of the Civic Renewal party",
                      "a two-term member of parliament"),
            headlines=(
                "{P1} claims victory in {country} {topic} election",
                "Record turnout as {country} holds {topic} election",
                "{P1} wins {topic} vote in {country} after tight campaign",
                "{Country} elects {p1} in {topic} contest marked by high turnout",
            ),
            ledes=(
                "{P1} declared victory in {country}'s {topic} election on {day}, with "
                "official results showing a lead of about {pct_small} percentage points.",
                "Voters in {country} turned out in large numbers for the {topic} election, "
                "handing {p1} a narrow but clear win over {rival}.",
                "Preliminary results from the {topic} election in {country} gave {p1} "
                "{pct_win} percent of the vote, according to the electoral commission.",
                "Turnout in the {topic} election in {country} reached {pct_win} percent, the "
                "highest figure recorded since {year_old}, as {p1} secured victory.",
            ),
            details=(
                "Polling stations in {city} stayed open {n_small} hours longer than planned "
                "because of long queues.",
                "{P1}, {p1_role}, campaigned on promises to cut living costs and expand "
                "public transport around {city}.",
                "The electoral commission said it had received {n} formal complaints, most of "
                "them about minor irregularities.",
                "International observers from {org} described the vote as orderly and largely "
                "transparent.",
                "Counting continued through the night in {city}, where results were delayed "
                "by a power cut lasting {n_small} hours.",
                "The main rival, {rival}, conceded defeat shortly after midnight and called "
                "on supporters in {city} to remain calm.",
                "About {big} first-time voters were registered, according to official "
                "figures published in {month_prev}.",
                "The new government in {country} is expected to be sworn in by {month_next}.",
            ),
        ),
        Kind(
            "disaster", "Disasters",
            topics=("floods", "wildfires", "landslides", "storms", "heavy rains",
                    "mudslides"),
            orgs=("the International Relief Network", "the Continental Health Agency",
                  "the National Civil Protection Agency", "the Coastal Nations Alliance"),
            p1_roles=("{country}'s interior minister", "the regional governor",
                      "the mayor of {city}"),
            headlines=(
                "Thousands evacuated as {topic} hit {city}",
                "{Topic} leave trail of damage across {country}",
                "Relief convoys reach {city} after days of {topic}",
                "{Country} declares emergency as {topic} cut off villages near {city}",
            ),
            ledes=(
                "Emergency services in {country} evacuated about {big} residents of {city} "
                "on {day} as {topic} swept through the region.",
                "{Topic} have damaged more than {big} homes across northern {country}, "
                "officials said on {day}, as relief teams struggled to reach isolated "
                "villages.",
                "At least {n} people have been injured and many more displaced after {topic} "
                "struck the area around {city} earlier this week.",
                "Authorities in {country} declared a state of emergency in {n_word} provinces "
                "on {day} following {topic} that began late last week.",
            ),
            details=(
                "Roads into {city} remained closed, and rescue crews used boats and "
                "helicopters to reach {n} stranded families.",
                "{Org} said it had set up {n_word} temporary shelters with space for about "
                "{big} people.",
                "Power was cut to roughly {big} households, and engineers warned that repairs "
                "could take {n_small} weeks.",
                "Local hospitals in {city} reported treating {n} people for minor injuries "
                "and exposure.",
                "{P1}, {p1_role}, toured the worst-affected districts and promised {money} in "
                "emergency funds.",
                "Forecasters said conditions around {city} were expected to ease within "
                "{n_word} days.",
                "Farmers near {city} said that as much as {pct} percent of this season's "
                "harvest had been lost.",
                "Volunteers from {country2} arrived on {day} with water purification "
                "equipment and medical supplies.",
            ),
        ),
    ),
    general=(
        "Diplomats in {city} described the mood as cautious but constructive.",
        "The government of {country2} issued a brief statement welcoming the development.",
        "Regional observers noted that {country} has had {n_word} changes of government "
        "since {year}.",
        "Opposition figures in {country} accused the government of acting for short-term "
        "political gain.",
        "Aid groups said around {big} people in the region still depend on outside "
        "assistance.",
        "{Country}'s foreign ministry said it had been in contact with {n_word} neighbouring "
        "governments.",
        "Meetings in {city} were held largely behind closed doors, and few details were "
        "released afterwards.",
        "Analysts at {org} said the episode showed how quickly regional priorities can shift.",
    ),
    p2_roles=("a spokesperson for {org}", "an adviser to the government of {country}",
              "a former ambassador to {country2}", "a regional official in {city}"),
    p3_roles=("an analyst based in {city2}", "a professor of politics at the University of "
              "{city2}", "a senior fellow at the Institute for Regional Affairs"),
    list_items=("Location: {city}, {country}", "Lead official: {p1}",
                "Estimated cost: {money}", "Next review: {month_next} 2025",
                "Partner country: {country2}", "People involved: about {big}"),
    extra_tags=("Europe", "Climate", "Human Rights", "Migration"),
)

BUSINESS = SectionSpec(
    name="Business", slug="business",
    blurb="Companies, markets and the economy.",
    kinds=(
        Kind(
            "results", "Earnings",
            topics=("chip", "freight", "solar", "travel", "grocery", "software"),
            orgs=("Orbis Semiconductors", "Meridian Freight", "Brightline Energy",
                  "Kestrel Airways", "Northgate Retail Group", "Harlow & Pike Software"),
            p1_roles=("the chief executive of {org}", "{org}'s finance chief",
                      "the company's chief executive"),
            headlines=(
                "{Org} profits beat forecasts as {topic} demand climbs",
                "{Org} raises outlook after strong {quarter} quarter",
                "{Org} reports {pct_small} percent rise in quarterly revenue",
                "Strong {topic} sales lift {org} results",
            ),
            ledes=(
                "{Org} reported a {pct_small} percent rise in quarterly profit on {day}, "
                "helped by stronger {topic} demand in {country} and abroad.",
                "{Org} beat analysts' forecasts for the {quarter} quarter, posting revenue of "
                "{money} as its {topic} business recovered.",
                "Quarterly earnings at {org} came in well above expectations, the company "
                "said on {day}, lifting its shares in {city}.",
                "{Org} raised its full-year outlook after a quarter in which {topic} sales "
                "grew faster than at any time since {year}.",
            ),
            details=(
                "Operating costs at {org} rose {pct_small} percent, mainly because of higher "
                "wages and energy prices.",
                "{P1}, {p1_role}, told analysts that the company would keep investing in its "
                "plant near {city}.",
                "The company said order books in its {topic} division were full for the next "
                "{n_small} months.",
                "Net debt fell to {money}, down from {money2} a year earlier.",
                "{Org} plans to hire about {big} staff over the next two years, many of them "
                "in {city}.",
                "Margins improved to {pct_small} percent, the highest level in {n_word} years.",
                "The board proposed a dividend of {cents} cents per share, up from {cents2} "
                "cents last year.",
                "Sales in {country2} were weaker, falling {pct_small} percent as competition "
                "intensified.",
            ),
        ),
        Kind(
            "merger", "Mergers",
            topics=("logistics", "banking", "retail", "telecoms", "energy", "media"),
            orgs=("Castellan Bank", "Vantor Logistics", "Halcyon Telecom", "Quarry & Reed",
                  "Silverline Media", "Ostrander Energy"),
            p1_roles=("the chief executive of {org}", "{org}'s chairman",
                      "the head of strategy at {org}"),
            headlines=(
                "{Org} agrees {money} takeover of {org2}",
                "{Org} and {org2} agree to merge in {money} {topic} deal",
                "Regulators clear {org}'s bid for {org2}",
                "{Org} to buy {topic} rival {org2}",
            ),
            ledes=(
                "{Org} has agreed to buy {org2} for about {money}, the two companies said on "
                "{day}, creating one of the largest {topic} groups in {country}.",
                "The boards of {org} and {org2} have approved a merger that would combine "
                "{big} employees under a single brand based in {city}.",
                "Competition regulators in {country} gave conditional approval on {day} to "
                "{org}'s proposed acquisition of its {topic} rival {org2}.",
            ),
            details=(
                "Shareholders in {org2} will receive {cents} cents in cash and {n_word} new "
                "shares for every ten shares they hold.",
                "The combined company expects annual cost savings of about {money} within "
                "{n_word} years.",
                "{P1}, {p1_role}, will lead the merged group, while the {org2} brand will be "
                "kept for at least {n_word} years.",
                "Unions in {city} said they wanted guarantees that no jobs would be cut at "
                "local sites of {org2}.",
                "The deal still requires approval from regulators in {country2}, which could "
                "take until {month_next}.",
                "Advisers said talks had begun informally in {year} but stalled over the "
                "price {org} was willing to pay.",
                "Shares in {org2} jumped {pct_small} percent after the announcement.",
                "The companies said they would sell {n_word} smaller units in {country} to "
                "address competition concerns.",
            ),
        ),
        Kind(
            "rates", "Economy",
            topics=("3.25", "2.75", "4.50", "3.75", "4.00", "2.50"),
            orgs=("the Central Bank of {country}",),
            p1_roles=("the central bank's governor", "governor of the Central Bank of "
                      "{country}", "head of the bank's rate-setting committee"),
            headlines=(
                "{Country} central bank cuts rates to {topic} percent as inflation cools",
                "Central bank in {country} lowers borrowing costs to {topic} percent",
                "{Country} trims interest rates to {topic} percent, signals caution",
            ),
            ledes=(
                "The Central Bank of {country} cut its main interest rate to {topic} percent "
                "on {day}, citing a steady fall in inflation over the past {n_word} months.",
                "Policymakers in {city} lowered the benchmark rate by a quarter of a "
                "percentage point to {topic} percent, in a move widely expected by markets.",
                "Borrowing costs in {country} fell on {day} after the central bank reduced "
                "its key rate to {topic} percent.",
            ),
            details=(
                "Annual inflation in {country} slowed to {pct_small} percent in "
                "{month_prev}, according to the national statistics office.",
                "{P1}, {p1_role}, said the bank would move carefully and was not committed "
                "to further cuts.",
                "{Majority} of the nine members of the rate-setting committee in {city} voted "
                "for the cut.",
                "Mortgage lenders in {city} said they expected to pass on the reduction "
                "within {n_small} weeks.",
                "The {country} currency weakened {pct_small} percent against the dollar after "
                "the announcement.",
                "Economists at {org2} had forecast the move, pointing to weak consumer "
                "spending.",
                "Unemployment in {country} has risen to {pct_small} percent, its highest "
                "level since {year}.",
                "The bank's next policy meeting in {city} is scheduled for {month_next}.",
            ),
            general=(
                "Government bond yields in {country} edged lower after the decision on {day}.",
                "The broader market index in {city} closed {pct_small} percent higher on "
                "{day}.",
                "Economists in {country} have warned that borrowing costs remain a drag on "
                "growth.",
                "Retail sales in {country} fell {pct_small} percent in {month_prev}, official "
                "data showed.",
                "Trading volumes on the {city} exchange were {pct_small} percent above their "
                "monthly average.",
                "House prices around {city} have fallen for {n_word} consecutive months.",
                "Business groups in {country} had urged the bank to act sooner.",
                "Analysts at {org2} said further cuts in {country} were possible before the "
                "end of the year.",
            ),
        ),
    ),
    general=(
        "Shares in {org} rose {pct_small} percent in early trading on {day}.",
        "Analysts had expected a weaker result, citing higher costs and softer demand in "
        "{country}.",
        "The company employs about {big} people, most of them in {city} and the surrounding "
        "region.",
        "Investors have been watching {org} closely since a difficult {year}.",
        "Cash reserves at {org} stood at {money} at the end of the quarter.",
        "Trading volumes on the {city} exchange were {pct_small} percent above their monthly "
        "average.",
        "Economists in {country} have warned that borrowing costs remain a drag on growth.",
        "The broader market index in {city} closed {pct_small} percent higher on {day}.",
    ),
    p2_roles=("an analyst at {org2}", "a portfolio manager in {city}",
              "a spokesperson for {org}", "a union representative in {city}"),
    p3_roles=("an economist at the University of {city2}", "a senior analyst at {org2}",
              "a former regulator in {country2}"),
    list_items=("Institution: {org_name}", "Headquarters: {city}", "Staff: about {big}",
                "Market value: {money}", "Next update: {month_next}",
                "Main market: {country2}"),
    extra_tags=("Markets", "Jobs", "Technology", "Energy"),
)

SCIENCE = SectionSpec(
    name="Science", slug="science",
    blurb="Research, space and the natural world.",
    kinds=(
        Kind(
            "discovery", "Biodiversity",
            topics=("frog", "beetle", "lizard", "freshwater crab", "cave spider", "gecko",
                    "moth"),
            orgs=("the Natural History Museum of {city}", "Halvik University",
                  "the Institute for Tropical Ecology", "the University of {city}"),
            p1_roles=("the expedition leader", "a biologist at {org}",
                      "the lead author of the study"),
            headlines=(
                "New species of {topic} discovered in the forests of {country}",
                "Scientists identify previously unknown {topic} near {city}",
                "Tiny {topic} found in {country} is new to science, researchers say",
                "Field survey near {city} turns up a {topic} no one had described",
            ),
            ledes=(
                "Researchers from {org} have described a previously unknown species of "
                "{topic} found in the hills above {city}.",
                "A {topic} collected during a field survey in {country} in {year} has been "
                "confirmed as a new species, scientists said on {day}.",
                "Biologists working in remote parts of {country} say they have found a "
                "{topic} that does not match any known species.",
            ),
            details=(
                "The animal measures about {n_small} centimetres and was found at an "
                "altitude of roughly {big} metres.",
                "Genetic tests showed it had separated from its closest relatives about "
                "{n_small} million years ago.",
                "The team named the species in honour of a local guide from {city} who "
                "helped them reach the site.",
                "Only {n} specimens have been recorded so far, all within a few square "
                "kilometres near {city}.",
                "{P1}, {p1_role}, said the discovery showed how much remained unknown about "
                "the forests of {country}.",
                "Conservation groups have asked the government of {country} to protect the "
                "area, which is threatened by logging.",
                "The finding adds to a list of more than {n} new species described in "
                "{country} since {year}.",
                "Researchers spent {n_word} weeks camping in the forest to survey the site "
                "at night.",
            ),
        ),
        Kind(
            "space", "Space",
            topics=("Aster-2 probe", "Lumen space telescope", "Kite lunar lander",
                    "Orbis-7 weather satellite", "Halcyon comet probe", "Tern-3 Mars orbiter"),
            orgs=("the National Space Agency of {country}", "the {country} Space Office"),
            p1_roles=("the mission's project manager", "the director of {org}",
                      "the mission's chief scientist"),
            headlines=(
                "{Topic} sends back first images after successful launch",
                "{Country} launches {topic} from spaceport near {city}",
                "Engineers celebrate as {topic} reaches its target orbit",
            ),
            ledes=(
                "The {topic} lifted off from the spaceport near {city} on {day}, beginning "
                "a mission expected to last {n_word} years.",
                "Engineers at {org} confirmed on {day} that the {topic} had reached its "
                "planned orbit and was in good health.",
                "The first images from the {topic} were released on {day}, {n_word} weeks "
                "after a launch from {city} that had been delayed several times.",
            ),
            details=(
                "The mission cost about {money}, making it the most expensive science "
                "project in the history of {country}.",
                "Controllers in {city} will spend the next {n_word} weeks testing its "
                "instruments.",
                "The spacecraft carries {n_word} main instruments, including a camera built "
                "by a team in {country2}.",
                "{P1}, {p1_role}, said the launch was the result of a decade of work by "
                "{big} engineers and scientists.",
                "A fuel leak discovered in {year} had forced the launch from {city} to be "
                "postponed.",
                "Data from the {topic} will be shared with researchers in at least {n} "
                "countries.",
                "The spacecraft weighs about {big} kilograms and is powered by two large "
                "solar arrays.",
                "Its orbit will take it as far as {big} kilometres from the ground station "
                "in {city}.",
            ),
            general=(
                "The launch was watched by about {big} spectators gathered along the coast "
                "near {city}.",
                "Space agencies in {country2} sent messages of congratulation shortly after "
                "the launch.",
                "{Org} said the mission had so far stayed within its budget of {money}.",
                "Schools across {country} followed the launch on a live broadcast.",
                "The ground station in {city} will receive data every {n_word} hours.",
                "Engineers had spent {n_small} months testing the spacecraft in a vacuum "
                "chamber near {city}.",
                "{P3}, {p3_role}, said the mission could answer questions scientists have "
                "asked since {year_old}.",
                "A second spacecraft of the same design is planned for launch in {year_next}.",
            ),
        ),
        Kind(
            "study", "Climate",
            topics=("coral reefs", "glaciers", "peat bogs", "salt marshes", "kelp forests",
                    "alpine meadows"),
            orgs=("the Institute for Polar Research", "the Marine Science Centre of {country}",
                  "the Centre for Soil Studies", "the University of {city}"),
            p1_roles=("the study's lead author", "a climate scientist at {org}",
                      "head of the monitoring programme at {org}"),
            headlines=(
                "Study finds {topic} in {country} shrinking faster than expected",
                "{Topic} under pressure as temperatures rise, researchers warn",
                "Long-term survey of {topic} near {city} reveals sharp decline",
            ),
            ledes=(
                "A study of {topic} in {country} has found that they are shrinking far more "
                "quickly than computer models had predicted.",
                "Researchers at {org} say a {n_small}-year survey of {topic} around {city} "
                "shows a clear decline linked to warmer temperatures.",
                "{Topic} across {country} have lost about {pct} percent of their area since "
                "{year}, according to research published on {day}.",
            ),
            details=(
                "The team combined satellite images with field measurements taken at {n} "
                "sites across {country}.",
                "Average summer temperatures in the study area rose by {deg} degrees Celsius "
                "over the period.",
                "{P1}, {p1_role}, said the results should serve as an early warning for the "
                "whole region around {city}.",
                "The losses were greatest near {city}, where {pct} percent of monitored sites "
                "showed damage.",
                "Communities around {city} that depend on fishing and tourism could be hit "
                "hardest, the authors said.",
                "The study was funded by {org} and took {n_word} years to complete.",
                "Some sites showed signs of recovery, which the authors linked to protection "
                "schemes begun in {year}.",
                "The researchers called for monitoring to be expanded to {country2}, where "
                "data remain scarce.",
            ),
        ),
    ),
    general=(
        "The findings were published in the journal {journal} after a review lasting "
        "{n_small} months.",
        "The team included researchers from {n_word} countries and was funded partly by "
        "{org}.",
        "Independent scientists in {country2} said the results were promising but would need "
        "to be repeated.",
        "Data collection began in {year} and involved more than {big} individual "
        "measurements.",
        "The researchers at {org} plan to make their data publicly available later this "
        "year.",
        "{P3}, {p3_role}, who was not involved in the work, called it careful and genuinely "
        "new.",
        "Funding for the next stage at {org}, estimated at {money}, has not yet been secured.",
        "Similar work in {country2} had produced inconclusive results in {year}.",
    ),
    p2_roles=("a co-author at {org}", "a spokesperson for {org}",
              "a field researcher from {city}", "a doctoral student at {org}"),
    p3_roles=("a scientist at the University of {city2}", "a researcher at the {city2} "
              "Observatory", "a research fellow based in {country2}"),
    list_items=("Lead institution: {org_name}", "Field site: near {city}",
                "Duration: {n_small} years", "Budget: {money}", "Partner country: {country2}",
                "Measurements: more than {big}"),
    extra_tags=("Research", "Environment", "Technology", "Oceans"),
)

CULTURE = SectionSpec(
    name="Culture", slug="culture",
    blurb="Arts, books, film and festivals.",
    kinds=(
        Kind(
            "festival", "Festivals",
            topics=("film", "jazz", "literature", "folk music", "street theatre",
                    "documentary"),
            orgs=("the {city} Festival Trust", "the Arts Council of {country}",
                  "the Old Town Cultural Foundation"),
            p1_roles=("the festival's director", "the artistic director of the festival",
                      "chair of {org}"),
            headlines=(
                "{City} {topic} festival opens with record crowds",
                "Crowds return as {city} celebrates its {topic} festival",
                "{City} {topic} festival expands programme to {n} events",
            ),
            ledes=(
                "The {topic} festival in {city} opened on {day} with its largest programme "
                "yet, featuring more than {n} events over {n_word} days.",
                "Thousands of visitors filled the old town of {city} this week for the "
                "annual {topic} festival, now in its {nth} year.",
                "Organisers of the {city} {topic} festival said ticket sales were up "
                "{pct_small} percent on last year.",
            ),
            details=(
                "This year's programme includes artists from {n_word} countries, with a "
                "special focus on {country2}.",
                "The opening night was headlined by {artist}, who drew a crowd of about "
                "{big} people.",
                "{P1}, {p1_role}, said the aim was to keep prices low and venues accessible "
                "to everyone in {city}.",
                "Several events were moved indoors after heavy rain in {city} on the second "
                "evening.",
                "A new outdoor stage by the river in {city} can hold up to {big} people.",
                "Around {pct} percent of tickets were bought by visitors from outside "
                "{country}.",
                "The festival has a budget of {money}, most of it from sponsors and ticket "
                "sales.",
                "Free events in parks and squares across {city} were added this year for "
                "families.",
            ),
        ),
        Kind(
            "exhibition", "Art",
            topics=("ceramics", "photographs", "textiles", "maps", "sculptures", "prints"),
            orgs=("the National Gallery of {country}", "the Museum of Modern Craft",
                  "the {city} Art Museum", "the Harbour Arts Centre"),
            p1_roles=("curator of the exhibition", "the museum's director",
                      "head of collections at {org}"),
            headlines=(
                "{Org} opens major exhibition of {topic} by {artist}",
                "Rarely seen {topic} by {artist} go on show in {city}",
                "Retrospective of {artist}'s {topic} draws crowds in {city}",
            ),
            ledes=(
                "{Org} has opened an exhibition of more than {n} {topic} by {artist}, many "
                "of them shown in public for the first time.",
                "A retrospective devoted to the {topic} of {artist} opened at {org} in {city} "
                "on {day}.",
                "Visitors queued outside {org} on {day} for the opening of an exhibition of "
                "{topic} by {artist} that has been {n_word} years in the making.",
            ),
            details=(
                "The works, made between {year_old} and {year}, were lent by private "
                "collectors in {country2} and {country}.",
                "{P1}, {p1_role}, said the show aimed to present {artist_last} as an artist "
                "of everyday life in {city}.",
                "The exhibition is arranged in {n_word} rooms and moves roughly in "
                "chronological order through {artist_last}'s career.",
                "Several pieces by {artist_last} were restored for the occasion, a process "
                "that took about {n_small} months.",
                "Admission is free for visitors under {age}, and the show runs until "
                "{month_next}.",
                "Insurance for the loans alone cost an estimated {money}, according to {org}.",
                "The final room includes sketchbooks and letters that shed light on "
                "{artist_last}'s working methods.",
                "Attendance at {org} in the first week exceeded {big}, the museum said.",
            ),
        ),
        Kind(
            "award", "Awards",
            topics=("novel", "debut novel", "short story collection", "memoir",
                    "poetry collection", "graphic novel"),
            orgs=("the Lantern Prize", "the {country} Book Award", "the Golden Harbour Award",
                  "the Meridian Arts Prize"),
            p1_roles=("chair of the judging panel", "the prize's director",
                      "a member of the jury"),
            headlines=(
                "{Artist} wins {org} for {topic} set in {city}",
                "{Org} goes to {artist} for {topic} about life in {country}",
                "{Artist} takes top honour with {topic} set in {city}",
            ),
            ledes=(
                "{Artist} has won {org} for a {topic} set in {city}, the judges announced on "
                "{day}.",
                "A {topic} by {artist} that follows a family in {city} over {n_word} decades "
                "has been awarded {org}.",
                "{Org}, one of the most closely watched cultural prizes in {country}, was "
                "awarded on {day} to {artist} for a {topic}.",
            ),
            details=(
                "The prize is worth {prize} and comes with a guarantee of wider "
                "distribution in {country2}.",
                "Judges praised {artist_last}'s work for its quiet precision and its "
                "generosity toward its characters.",
                "{Artist_last} was chosen from a shortlist of {n_small} finalists, including "
                "{n_word} first-time nominees.",
                "Sales of the {topic} rose sharply after it appeared on the shortlist in "
                "{month_prev}.",
                "{P1}, {p1_role}, said the decision in favour of {artist_last} had been "
                "unanimous, though not quick.",
                "{Artist_last}, who grew up near {city}, spent {n_word} years working on the "
                "project.",
                "Previous winners of {org} include several writers and directors from "
                "{country2}.",
                "The ceremony in {city} was attended by about {n} guests.",
            ),
            general=(
                "Booksellers in {city} reported strong demand in the days after the "
                "announcement.",
                "The shortlist was announced in {month_prev} and drew wide attention in "
                "{country}.",
                "Critics in {city} have been divided, with some praising the book's ambition "
                "and others its restraint.",
                "{Org} was founded in {year_old} and is funded by private donors.",
                "Translation rights have already been sold to publishers in {country2}.",
                "Reviews in the {city} press were largely warm, if not uncritical.",
                "About {big} readers voted in a public poll held alongside the judges' "
                "decision.",
                "A reading tour through {country} and {country2} is planned for {month_next}.",
            ),
        ),
    ),
    general=(
        "Tickets for the opening weekend in {city} sold out within {n_small} hours, "
        "organisers said.",
        "Critics in {city} have been divided, with some praising its ambition and others its "
        "restraint.",
        "The project received {money} in public funding from the culture ministry of "
        "{country}.",
        "Attendance figures show around {big} visitors in the first month alone.",
        "Cafes and shops near the venue in {city} reported a noticeable rise in trade.",
        "{Org} said it hoped the event would attract younger audiences from across "
        "{country}.",
        "A touring version is planned for {country2} in {year_next}.",
        "Reviews in the {city} press were largely warm, if not uncritical.",
    ),
    p2_roles=("a spokesperson for {org}", "a critic for a {city} weekly",
              "a programmer at {org}", "a longtime visitor from {city}"),
    p3_roles=("a cultural historian at the University of {city2}", "a critic based in "
              "{city2}", "director of the {city2} Arts Forum"),
    list_items=("Venue: {city}", "Organiser: {org_name}", "Budget: {money}",
                "Runs until: {month_next}", "Guest country: {country2}",
                "Expected visitors: {big}"),
    extra_tags=("Books", "Film", "Music", "Travel"),
)

SECTIONS: tuple[SectionSpec, ...] = (WORLD, BUSINESS, SCIENCE, CULTURE)
MONEY_SCALE = {"world": "large", "business": "large", "science": "medium", "culture": "small"}

QUOTES = (
    '"This is a decisive moment for {city}, and we intend to meet it," said {p2}, {p2_role}.',
    '"We have listened carefully, and the plan reflects what people in {country} told us," '
    '{p2} said in an interview on {day}.',
    '"Nobody should pretend the hard part is over," said {p2}, {p2_role}, who has followed '
    'the issue for {n_small} years.',
    '{P2}, {p2_role}, called the outcome "a fair compromise that still leaves a lot of work '
    'to do in {city}."',
    '"The numbers for {city} are encouraging, but they are not yet a trend," {p2} '
    'cautioned.',
    '"I have seen nothing quite like it in {n_small} years of work," said {p3}, {p3_role}.',
    '{P3}, {p3_role}, said the decision "came later than it should have, but it came."',
    '"We owe it to the people of {city} to get the details right," {p1} told reporters.',
    '"There will be setbacks along the way, and we will be honest about them," said {p1}, '
    '{p1_role}.',
    '"It is a start, not a finish line," {p3} said, adding that {org} would be watched '
    'closely.',
    '{P1} said the effort in {country} was "about trust as much as it is about money."',
    '"If this works in {city}, other places will copy it within {n_word} years," said {p3}, '
    '{p3_role}.',
    '"People in {city} want to see results, not promises," said {p2}.',
)

#: Quotes that introduce the speaker with full name and role (open a quote paragraph).
QUOTES_INTRO = tuple(q for q in QUOTES if "_role}" in q)

BACKGROUND = (
    "Officials in {city} said {n_word} separate reviews had been ordered since {year}.",
    "{Org} first raised the matter in {year}, according to documents seen by reporters.",
    "Similar efforts in {country2} produced mixed results, with about {pct} percent of "
    "targets met after {n_word} years.",
    "Critics have argued that {org} moved too slowly in {country}, a charge its leadership "
    "rejects.",
    "The debate has divided opinion in {country}, where a survey last {month_prev} found "
    "{pct} percent of respondents in favour.",
    "Records show that {big} people in the {city} area were directly affected in the past "
    "year alone.",
    "At least {n_word} earlier attempts to settle the question collapsed, the last of them "
    "in {year}.",
    "Budget documents show {money} set aside for the next phase, roughly {pct} percent more "
    "than last year.",
    "Residents of {city} have long complained that decisions are made without consulting "
    "them.",
    "The question first reached parliament in {country} in {year}, but no vote was held.",
    "Local newspapers in {city} have covered the story almost daily since {month_prev}.",
    "A report commissioned by {org} in {year} had warned of the risks in some detail.",
    "Public spending on the issue in {country} has roughly doubled since {year}.",
)

OUTLOOK = (
    "A follow-up meeting in {city} is scheduled for {month_next}, and officials said they "
    "expect a progress report by then.",
    "Further details are expected to be published within {n_word} weeks, {org} said.",
    "{P1} is due to address the matter again on {day_next}.",
    "Observers in {country2} said they would be watching the outcome in {country} closely.",
    "Whether the plan for {city} survives the next budget round remains an open question.",
    "A final decision is not expected before {month_next}, officials in {city} said.",
    "For now, residents of {city} are being urged to follow updates from {org}.",
    "The next test will come in {month_next}, when {org} is due to publish its first full "
    "assessment.",
    "{Org} said it would release complete figures for {country} by the end of "
    "{month_next}.",
)

SUBHEADINGS = (
    "What happens next in {city}", "Why {country2} is watching closely",
    "The view from {city}", "Reaction across {country}", "Questions for {p1}",
    "What it means for {city}", "A long road for {country}",
)

LIST_LEADS = (
    "Key facts for {city} at a glance:",
    "The main points for {country}, in brief:",
)

JOURNALS = ("Frontiers of Field Biology", "Earth Systems Letters", "The Orbital Review",
            "Journal of Applied Ecology Studies")
THINK_TANKS = ("Castellan Bank", "Harlow & Pike Capital", "the Meridia Institute of Economics",
               "Quarry & Reed Research")
SOURCE_LABELS = {"modern": "Story from {src}", "legacy": "Story from: {src}",
                 "plain": "Story from {src}", "obfuscated": "Story from {src}"}

# --------------------------------------------------------------------------------------------
# Text generation
# --------------------------------------------------------------------------------------------


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Slots(dict):  # type: ignore[type-arg]
    """Format mapping: fixed article entities plus fresh random numbers for each sentence.

    ``{Key}`` capitalises the first letter of ``{key}``. Numbers (``{n}``, ``{big}``,
    ``{money}`` ...) are drawn once per ``Slots`` object, i.e. once per sentence.
    """

    def __init__(self, base: dict[str, str], rng: random.Random) -> None:
        super().__init__(base)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        lower = key[:1].lower() + key[1:]
        if lower != key:
            value = _cap(self[lower])
        else:
            fresh = self._fresh(key)
            if fresh is None:
                raise KeyError(key)
            value = fresh
        self[key] = value
        return value

    def _fresh(self, key: str) -> str | None:
        r = self.rng
        makers: dict[str, Callable[[], str]] = {
            "n": lambda: str(r.randint(12, 95)),
            "n_small": lambda: str(r.randint(2, 9)),
            "n_word": lambda: r.choice(NUMBER_WORDS),
            "big": lambda: f"{r.randrange(1200, 48000, 50):,}",
            "pct": lambda: str(r.randint(6, 64)),
            "pct_small": lambda: f"{r.randint(5, 119) / 10:.1f}",
            "pct_win": lambda: str(r.randint(41, 58)),
            "money": lambda: _money(r, self.get("scale", "large")),
            "money2": lambda: _money(r, self.get("scale", "large")),
            "prize": lambda: f"{r.randrange(10000, 60000, 5000):,} euros",
            "year": lambda: str(r.randint(2014, 2022)),
            "year_old": lambda: str(r.randint(1958, 1999)),
            "deg": lambda: f"{r.randint(4, 23) / 10:.1f}",
            "age": lambda: str(r.randint(12, 25)),
            "cents": lambda: str(r.randint(12, 60)),
            "cents2": lambda: str(r.randint(5, 11)),
            "journal": lambda: r.choice(JOURNALS),
            "nth": lambda: _ordinal(r.randint(5, 60)),
            "majority": lambda: r.choice(("five", "six", "seven", "eight")),
        }
        maker = makers.get(key)
        return maker() if maker else None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _money(r: random.Random, scale: str = "large") -> str:
    """An amount of money; ``scale`` "small" keeps it to arts-budget sizes."""
    if scale == "small":
        if r.randrange(2):
            return f"{r.randrange(120, 990, 10)},000 euros"
        return f"${r.randint(11, 60) / 10:.1f} million"
    if scale == "medium":
        if r.randrange(2):
            return f"${r.randint(2, 95)} million"
        return f"{r.randint(12, 95) / 10:.1f} million euros"
    kind = r.randrange(3)
    if kind == 0:
        return f"${r.randint(11, 98) / 10:.1f} billion"
    if kind == 1:
        return f"${r.randrange(20, 950, 5)} million"
    return f"{r.randrange(15, 900, 5)} million euros"


_AN = re.compile(r"\b([Aa]) (?=[aeioAEIO]|[uU](?!ni|se|su|ro))")


def _fill(template: str, base: dict[str, str], rng: random.Random) -> str:
    """Fill a template and fix "a" before a vowel ("a energy deal" -> "an energy deal")."""
    return _AN.sub(r"\1n ", template.format_map(Slots(base, rng)))


def _words(text: str) -> int:
    return len(text.split())


_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "ł": "l",
                           "Ł": "L", "đ": "d", "Đ": "D", "œ": "oe"})


def _slugify(text: str, max_len: int = 70) -> str:
    text = text.translate(_TRANSLIT)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug


class Writer:
    """Draws globally unique sentences so no sentence repeats anywhere on the site."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def draw(self, pools: Sequence[Sequence[str]], ctx: dict[str, str],
             used_templates: set[str], max_words: int = 999) -> str | None:
        """A new sentence from a random template of ``pools`` not yet used in this article."""
        candidates = [t for pool in pools for t in pool if t not in used_templates]
        self.rng.shuffle(candidates)
        for template in candidates:
            sentence = _fill(template, ctx, self.rng)
            if sentence in self.used or _words(sentence) > max_words:
                continue
            self.used.add(sentence)
            used_templates.add(template)
            return sentence
        return None

    def paragraph(self, first: Sequence[Sequence[str]], rest: Sequence[Sequence[str]],
                  ctx: dict[str, str], used: set[str],
                  last: Sequence[Sequence[str]] | None = None,
                  spare: Sequence[Sequence[str]] = ()) -> str:
        """A paragraph of 40-120 words: one sentence from ``first``, fillers, maybe ``last``.

        ``spare`` pools are only used to top up a paragraph that is still under 40 words.
        """
        target = self.rng.randint(45, 100)
        reserve = 20 if last else 0
        sentences = [s for s in [self.draw(first, ctx, used)] if s]

        def count() -> int:
            return _words(" ".join(sentences))

        while count() + reserve < target:
            nxt = self.draw(rest, ctx, used, max_words=120 - reserve - count())
            if nxt is None:
                break
            sentences.append(nxt)
        if last:
            final = self.draw(last, ctx, used, max_words=120 - count())
            sentences += [final] if final else []
        while count() < 40:  # top up short paragraphs (before the closing sentence)
            nxt = self.draw([*rest, *spare], ctx, used, max_words=120 - count())
            if nxt is None:
                break
            sentences.insert(len(sentences) - 1 if last else len(sentences), nxt)
        text = " ".join(sentences)
        if not 40 <= _words(text) <= 120:
            raise RuntimeError(f"paragraph of {_words(text)} words: {text!r}")
        return text


# --------------------------------------------------------------------------------------------
# The article model
# --------------------------------------------------------------------------------------------


@dataclass
class Block:
    """One body block: ``p``, ``h2`` or ``li``; ``link`` = (anchor text, href) inside it."""

    tag: str
    text: str
    link: tuple[str, str] | None = None


@dataclass(eq=False)
class Article:
    """One generated article and everything needed to render and to grade it."""

    index: int
    section: SectionSpec
    kind: Kind
    title: str
    slug: str
    published: datetime
    modified: datetime | None
    authors: list[tuple[str, str]]
    tags: list[str]
    blocks: list[Block]
    template: str
    source: str
    source_linked: bool
    byline_title: bool
    views: int
    related: list[Article] = field(default_factory=list)

    @property
    def path(self) -> str:
        d = self.published
        return f"/{self.section.slug}/{d:%Y}/{d:%m}/{d:%d}/{self.slug}.html"

    @property
    def body(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    @property
    def description(self) -> str:
        first = self.blocks[0].text
        match = re.match(r"(.+?[.!?])(\s|$)", first)
        return match.group(1) if match else first

    @property
    def author_names(self) -> list[str]:
        return [name for name, _ in self.authors]

    def teaser(self, words: int = 8) -> str:
        """First words of the body followed by "..." (as on the reference page)."""
        head = self.blocks[0].text.split()[:words]
        return " ".join(head).rstrip(",;:.") + "..."


def _tz_offset(local: datetime) -> timezone:
    """Central European time: +02:00 from 31 March to 26 October 2024, else +01:00."""
    summer = datetime(2024, 3, 31) <= local.replace(tzinfo=None) < datetime(2024, 10, 27)
    return timezone(timedelta(hours=2 if summer else 1))


def _localize(naive: datetime) -> datetime:
    return naive.replace(tzinfo=_tz_offset(naive))


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _make_person(rng: random.Random, taken: set[str]) -> str:
    """A made-up person whose surname is not yet used in this article."""
    while True:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if last not in taken:
            taken.add(last)
            return f"{first} {last}"


def _article_context(rng: random.Random, section: SectionSpec, kind: Kind,
                     published: datetime) -> dict[str, str]:
    """Fixed entities of one article: places, organisation, topic, people and dates."""
    country, country2 = rng.sample(COUNTRIES, 2)
    city, city2 = rng.sample(CITIES, 2)
    ctx: dict[str, str] = {"country": country, "country2": country2, "city": city,
                           "city2": city2, "topic": rng.choice(kind.topics),
                           "scale": MONEY_SCALE[section.slug]}
    org_choices = list(kind.orgs)
    org = rng.choice(org_choices).format(**ctx)
    if kind.name == "results":  # companies and their markets are listed in the same order
        ctx["topic"] = kind.topics[[o.format(**ctx) for o in org_choices].index(org)]
    ctx["org"] = org
    ctx["org_name"] = org[4:] if org.startswith("the ") else org
    others = [o.format(**ctx) for o in org_choices if o.format(**ctx) != org]
    ctx["org2"] = rng.choice(others) if kind.name == "merger" else rng.choice(THINK_TANKS)
    people: set[str] = set()
    for key in ("p1", "p2", "p3", "rival", "artist"):
        name = _make_person(rng, people)
        ctx[key] = name
        ctx[f"{key}_last"] = name.split()[-1]
    ctx["p1_role"] = rng.choice(kind.p1_roles).format(**ctx)
    ctx["p2_role"] = rng.choice(section.p2_roles).format(**ctx)
    ctx["p3_role"] = rng.choice(section.p3_roles).format(**ctx)
    ctx["day"] = WEEKDAYS[published.weekday()]
    ctx["day_next"] = WEEKDAYS[(published.weekday() + rng.randint(2, 5)) % 7]
    ctx["month_prev"] = MONTHS[(published.month - 2) % 12]
    ctx["month_next"] = MONTHS[published.month % 12]
    ctx["quarter"] = ("first", "second", "third", "fourth")[(published.month - 1) // 3]
    ctx["year_next"] = str(published.year + 1)
    return ctx


def _write_body(writer: Writer, section: SectionSpec, kind: Kind, ctx: dict[str, str],
                extras: str) -> list[Block]:
    """Paragraphs (plus an optional sub-heading and/or list) of one article."""
    rng = writer.rng
    used: set[str] = set()
    n_paras = rng.randint(3, 6)
    general = kind.general or section.general
    detail = [kind.details, general]
    spare = [kind.details, general, BACKGROUND, QUOTES]
    plans = {
        3: ["lede", "quote", "outlook"],
        4: ["lede", "detail", "quote", "outlook"],
        5: ["lede", "detail", "quote", "background", "outlook"],
        6: ["lede", "detail", "quote", "background", "detail", "outlook"],
    }
    blocks: list[Block] = []
    for i, kind_of_para in enumerate(plans[n_paras]):
        if kind_of_para == "lede":
            text = writer.paragraph([kind.ledes], detail, ctx, used, spare=spare)
        elif kind_of_para == "detail":
            text = writer.paragraph([kind.details], detail, ctx, used, spare=spare)
        elif kind_of_para == "quote":
            text = writer.paragraph([QUOTES_INTRO], [kind.details, general, QUOTES], ctx, used,
                                    spare=spare)
        elif kind_of_para == "background":
            text = writer.paragraph([BACKGROUND], [BACKGROUND, general], ctx, used,
                                    spare=spare)
        else:
            text = writer.paragraph([general, kind.details], [general, BACKGROUND], ctx, used,
                                    last=[OUTLOOK], spare=spare)
        blocks.append(Block("p", text))
        if i == 1 and extras in ("list", "both"):
            if extras == "both":
                blocks.append(Block("h2", _unique_line(writer, LIST_LEADS, ctx)[0][:-1]))
            items = list(section.list_items)
            for _item in range(rng.randint(3, 4)):
                line, template = _unique_line(writer, items, ctx)
                items.remove(template)
                blocks.append(Block("li", line))
    if extras in ("h2", "both"):
        at = len(blocks) - 1  # before the last paragraph
        blocks.insert(at, Block("h2", _unique_line(writer, SUBHEADINGS, ctx)[0]))
    return blocks


def _unique_line(writer: Writer, templates: Sequence[str],
                 ctx: dict[str, str]) -> tuple[str, str]:
    """A site-wide unique short line (sub-heading or list item) and its template."""
    options = list(templates)
    writer.rng.shuffle(options)
    for _attempt in range(10):
        for template in options:
            line = _fill(template, ctx, writer.rng)
            if line not in writer.used:
                writer.used.add(line)
                return line, template
    raise RuntimeError(f"no unique line left for {templates!r}")


def generate_articles(seed: int = SEED) -> list[Article]:
    """Create all articles deterministically from ``seed``."""
    rng = random.Random(seed)
    writer = Writer(rng)
    n_total = ARTICLES_PER_SECTION * len(SECTIONS)
    days = sorted(rng.sample(range(2, 362), n_total))
    titles: set[str] = set()
    slugs: set[str] = set()
    articles: list[Article] = []
    for g in range(n_total):
        i, s = divmod(g, len(SECTIONS))
        section = SECTIONS[s]
        kind = section.kinds[i % len(section.kinds)]
        naive = datetime(2024, 1, 1) + timedelta(days=days[g], hours=rng.randint(6, 21),
                                                 minutes=rng.randrange(0, 60, 5))
        published = _localize(naive)
        modified = None
        if rng.random() < 0.35:
            later = naive + timedelta(hours=rng.randint(1, 40), minutes=rng.randrange(0, 60, 5))
            modified = _localize(later)
        ctx = _article_context(rng, section, kind, published)
        for _attempt in range(50):
            title = _fill(rng.choice(kind.headlines), ctx, rng)
            if title not in titles and _slugify(title) not in slugs:
                break
        else:
            raise RuntimeError("could not find a unique headline")
        titles.add(title)
        slugs.add(_slugify(title))
        extras = "none"
        if i % 4 == 1:
            extras = ("h2", "list", "both")[(i // 4) % 3]
        blocks = _write_body(writer, section, kind, ctx, extras)
        n_authors = rng.choices((1, 2, 3), weights=(55, 35, 10))[0]
        authors = rng.sample(AUTHORS, n_authors)
        tags = [kind.tag] + rng.sample(section.extra_tags, rng.randint(1, 2))
        if rng.random() < 0.3:
            tags.append(rng.choice(("Analysis", "Exclusive", "In Depth")))
        articles.append(Article(
            index=g, section=section, kind=kind, title=title, slug=_slugify(title),
            published=published, modified=modified, authors=authors, tags=tags,
            blocks=blocks, template=TEMPLATES[g % len(TEMPLATES)],
            source=rng.choice(WIRE_SOURCES), source_linked=rng.random() < 0.5,
            byline_title=n_authors == 1 and rng.random() < 0.6,
            views=rng.randint(300, 25000),
        ))
    _add_inline_links(articles, rng)
    return articles


def _add_inline_links(articles: list[Article], rng: random.Random) -> None:
    """Link a place or organisation name in some paragraphs to a related story."""
    for art in articles:
        same = [a for a in articles if a.section is art.section and a is not art]
        art.related = sorted(same, key=lambda a: abs(a.index - art.index))[:3]
        if rng.random() < 0.4:
            block = art.blocks[1] if art.blocks[1].tag == "p" else art.blocks[0]
            for word in (*COUNTRIES, *CITIES):
                if re.search(rf"\b{re.escape(word)}\b", block.text):
                    block.link = (word, art.related[0].path)
                    break


# --------------------------------------------------------------------------------------------
# HTML helpers shared by all templates
# --------------------------------------------------------------------------------------------


def t(text: str) -> str:
    """Escape text content."""
    return escape(text, quote=False)


def a(text: str) -> str:
    """Escape an attribute value."""
    return escape(text, quote=True)


def _json_ld(data: dict[str, Any]) -> str:
    payload = json.dumps(data, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{payload}\n</script>'


def _block_html(block: Block) -> str:
    html = t(block.text)
    if block.link:
        word, href = block.link
        html = html.replace(t(word), f'<a href="{a(href)}">{t(word)}</a>', 1)
    return html


def _body_html(art: Article, p_open: str = "<p>") -> str:
    """Body blocks as HTML: consecutive ``li`` blocks become one ``<ul>``."""
    out: list[str] = []
    in_list = False
    for block in art.blocks:
        if block.tag == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        elif block.tag != "li" and in_list:
            out.append("</ul>")
            in_list = False
        if block.tag == "li":
            out.append(f"<li>{_block_html(block)}</li>")
        elif block.tag == "h2":
            out.append(f"<h2>{_block_html(block)}</h2>")
        else:
            close = "</span></p>" if "<span" in p_open else "</p>"
            out.append(f"{p_open}{_block_html(block)}{close}")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def _human_date(dt: datetime) -> str:
    return f"{MONTHS[dt.month - 1]} {dt.day}, {dt.year}"


def _human_datetime(dt: datetime) -> str:
    return f"{_human_date(dt)}, {dt:%H:%M}"


def _byline(art: Article, link: Callable[[str], str]) -> str:
    """"By A", "By A and B", "By A, B and C", "By A, Senior Correspondent"."""
    names = [link(name) for name in art.author_names]
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    if art.byline_title:
        text += f", {t(art.authors[0][1])}"
    return text


def _nav_items() -> list[tuple[str, str]]:
    return [("Home", "/")] + [(s.name, f"/{s.slug}/") for s in SECTIONS] + [("About", "/about/")]


def _nav_ul(ul_attrs: str = "", li_attrs: str = "") -> str:
    items = "".join(f'<li{li_attrs}><a href="{href}">{t(label)}</a></li>'
                    for label, href in _nav_items())
    return f"<ul{ul_attrs}>{items}</ul>"


def _link_list(arts: Iterable[Article], ul: str = "<ul>", end: str = "</ul>") -> str:
    items = "".join(f'<li><a href="{a(x.path)}">{t(x.title)}</a></li>' for x in arts)
    return f"{ul}{items}{end}"


def _tag_links(tags: Iterable[str], sep: str = "") -> str:
    return sep.join(f'<a href="/tags/{_slugify(tag)}/">{t(tag)}</a>' for tag in tags)


@dataclass
class SiteContext:
    """Site-wide link choices shared by the page renderers."""

    articles: list[Article]
    popular: list[Article]
    all_tags: list[str]

    def picks(self, art: Article) -> tuple[list[Article], list[Article], list[Article], list[str]]:
        """(teasers, other content, most popular, other tags) for one article page."""
        rng = random.Random(f"links-{art.index}")
        others = [x for x in self.articles if x is not art]
        teasers = rng.sample(others, 3)
        rest = [x for x in others if x not in teasers]
        more = rng.sample(rest, 4)
        popular = [x for x in self.popular if x is not art][:5]
        other_tags = rng.sample([x for x in self.all_tags if x not in art.tags], 6)
        return teasers, more, popular, sorted(other_tags)


# --------------------------------------------------------------------------------------------
# Article templates
# --------------------------------------------------------------------------------------------


def _news_article_ld(art: Article, with_body: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": art.path},
        "headline": art.title,
        "description": art.description,
        "image": {"@type": "ImageObject", "url": f"/static/img/{art.section.slug}.svg",
                  "width": 1200, "height": 630},
        "datePublished": _iso(art.published),
    }
    if art.modified:
        data["dateModified"] = _iso(art.modified)
    data["author"] = [{"@type": "Person", "name": n, "url": "/about/"}
                      for n in art.author_names]
    data["publisher"] = {"@type": "Organization", "name": SITE_NAME,
                         "logo": {"@type": "ImageObject", "url": "/static/img/logo.svg"}}
    data["articleSection"] = art.section.name
    if with_body:
        data["keywords"] = ", ".join(art.tags)
        data["articleBody"] = art.body
    else:
        data["keywords"] = list(art.tags)
    return data


def render_modern(art: Article, site: SiteContext) -> str:
    """HTML5 CMS: header/nav/main/article/aside/footer, Open Graph and JSON-LD (no body)."""
    teasers, more, popular, other_tags = site.picks(art)
    sec = art.section
    meta_tags = "\n".join(f'<meta property="article:tag" content="{a(x)}">' for x in art.tags)
    modified_meta = (f'\n<meta property="article:modified_time" content="{_iso(art.modified)}">'
                     if art.modified else "")
    updated = (f' <span class="updated">Updated <time datetime="{_iso(art.modified)}">'
               f"{t(_human_datetime(art.modified))}</time></span>" if art.modified else "")
    credit = SOURCE_LABELS["modern"].format(
        src=f'<a href="/about/">{t(art.source)}</a>' if art.source_linked else t(art.source))
    teaser_html = "\n".join(
        f'<li><a href="{a(x.path)}">{t(x.title)}</a><p>{t(x.teaser())}</p></li>'
        for x in teasers)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t(art.title)} | {SITE_NAME}</title>
<meta name="description" content="{a(art.description)}">
<link rel="canonical" href="{a(art.path)}">
<link rel="stylesheet" href="/static/style.css">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="og:title" content="{a(art.title)}">
<meta property="og:type" content="article">
<meta property="og:url" content="{a(art.path)}">
<meta property="og:image" content="/static/img/{sec.slug}.svg">
<meta property="og:description" content="{a(art.description)}">
<meta property="article:published_time" content="{_iso(art.published)}">{modified_meta}
<meta property="article:section" content="{a(sec.name)}">
{meta_tags}
{_json_ld(_news_article_ld(art, with_body=False))}
</head>
<body class="template-modern">
<div class="top-bar"><span class="today">{TOPBAR_DATE}</span> <span class="weather">{TOPBAR_WEATHER}</span> <span class="city">{TOPBAR_CITY}</span></div>
<header class="site-header">
<a class="logo" href="/">{SITE_NAME}</a>
<nav class="main-nav" aria-label="Sections">{_nav_ul()}</nav>
</header>
<section class="top-stories" aria-label="Top stories">
<h2 class="visually-hidden">Top stories</h2>
<ul>
{teaser_html}
</ul>
</section>
<main class="layout">
<article class="story">
<header class="story-header">
<a class="kicker" href="/{sec.slug}/">{t(sec.name)}</a><h1 class="headline">{t(art.title)}</h1>
<p class="byline">By {_byline(art, lambda n: f'<a rel="author" href="/about/">{t(n)}</a>')}</p>
<p class="dateline"><time datetime="{_iso(art.published)}" class="published">{t(_human_datetime(art.published))}</time>{updated}</p>
<div class="share-bar">Share this: <a href="#share-facebook">Facebook</a> <a href="#share-twitter">Twitter</a> <a href="#share-email">Email</a></div>
</header>
<div class="story-body">
{_body_html(art)}
</div>
<footer class="story-footer">
<p class="story-tags">Tags: {_tag_links(art.tags, ", ")}</p>
<p class="credit">{credit}</p>
<p class="disclaimer">{t(DISCLAIMER)}</p>
<section class="other-content">
<h2>{OTHER_CONTENT}</h2>
{_link_list(more)}
</section>
<section class="other-tags">
<h3>{OTHER_TAGS}</h3>
<ul class="tag-cloud">{"".join(f"<li>{_tag_links([x])}</li>" for x in other_tags)}</ul>
</section>
</footer>
</article>
<aside class="sidebar">
<section class="most-popular">
<h2>{MOST_POPULAR}</h2>
{_link_list(popular, "<ol>", "</ol>")}
</section>
<section class="newsletter-box">
<h2>Never miss a story</h2>
<p>Get the {SITE_NAME} newsletter in your inbox every morning.</p>
<form class="newsletter-form" onsubmit="return false"><input type="email" placeholder="you@example.com"> <button type="submit">Sign up</button></form>
</section>
<div class="ad-slot">Advertisement</div>
</aside>
</main>
{_site_footer()}
</body>
</html>
"""


def render_legacy(art: Article, site: SiteContext) -> str:
    """WordPress "Newspaper" theme: td-* div soup, meta author/description, no JSON-LD."""
    teasers, more, popular, other_tags = site.picks(art)
    sec = art.section
    modified_meta = (f'\n<meta property="article:modified_time" content="{_iso(art.modified)}" />'
                     if art.modified else "")
    meta_tags = "\n".join(f'<meta property="article:tag" content="{a(x)}" />' for x in art.tags)
    credit = SOURCE_LABELS["legacy"].format(
        src=f'<a href="/about/" rel="nofollow">{t(art.source)}</a>' if art.source_linked
        else t(art.source))
    p_open = '<p><span style="font-weight: 400;">' if art.index % 2 else "<p>"
    teaser_html = "\n".join(
        f'<div class="td_module_flex td_module_flex_1"><h3 class="entry-title td-module-title">'
        f'<a href="{a(x.path)}" rel="bookmark" title="{a(x.title)}">{t(x.title)}</a></h3>'
        f'<div class="td-excerpt">{t(x.teaser())}</div></div>' for x in teasers)
    idx = art.index
    prev_art = site.articles[idx - 1]
    next_art = site.articles[(idx + 1) % len(site.articles)]
    share = ('<span class="td-social-but-text">Share this</span> '
             '<a class="td-social-sharing-button td-social-facebook" href="#share-facebook">'
             '<span class="td-social-but-text">Facebook</span></a> '
             '<a class="td-social-sharing-button td-social-twitter" href="#share-twitter">'
             '<span class="td-social-but-text">Twitter</span></a> '
             '<a class="td-social-sharing-button td-social-whatsapp" href="#share-whatsapp">'
             '<span class="td-social-but-text">WhatsApp</span></a> '
             '<a class="td-social-sharing-button td-social-mail" href="#share-email">'
             '<span class="td-social-but-text">Email</span></a>')
    authors = _byline(art, lambda n: f'<a href="/about/">{t(n)}</a>')
    popular_html = "\n".join(
        f'<div class="td_module_6 td_module_wrap"><h3 class="entry-title td-module-title">'
        f'<a href="{a(x.path)}" rel="bookmark">{t(x.title)}</a></h3>'
        f'<span class="td-post-date">{t(_human_date(x.published))}</span></div>'
        for x in popular)
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8" />
<title>{t(art.title)} &#8211; {SITE_NAME}</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="description" content="{a(art.description)}" />
<meta name="author" content="{a(', '.join(art.author_names))}" />
<link rel="canonical" href="{a(art.path)}" />
<meta property="og:locale" content="en_US" />
<meta property="og:type" content="article" />
<meta property="og:title" content="{a(art.title)}" />
<meta property="og:description" content="{a(art.description)}" />
<meta property="og:url" content="{a(art.path)}" />
<meta property="og:site_name" content="{SITE_NAME}" />
<meta property="article:section" content="{a(sec.name)}" />
{meta_tags}
<meta property="article:published_time" content="{_iso(art.published)}" />{modified_meta}
<meta name="generator" content="WordPress 6.4.3" />
<link rel='stylesheet' id='td-theme-css' href='/static/style.css' type='text/css' media='all' />
</head>
<body class="post-template-default single single-post postid-{1000 + idx} single-format-standard td-standard-pack global-block-template-1 tdb_template">
<div id="td-outer-wrap" class="td-theme-wrap">
<div class="td-header-wrap td-header-style-1">
<div class="td-header-top-menu-full td-container-wrap"><div class="td-container td-header-row td-header-top-menu">
<div class="top-bar-style-1"><div class="td-header-sp-top-menu">
<div class="td_data_time"><div>{TOPBAR_DATE}</div></div>
<div class="td-weather-top-widget"><i class="td-icons clear-sky-d"></i><div class="td-weather-now">{TOPBAR_WEATHER}</div><div class="td-weather-city">{TOPBAR_CITY}</div></div>
</div></div></div></div>
<div class="td-header td-header-menu-wrap-full td-container-wrap">
<div class="td-header-menu-wrap td-header-gradient"><div class="td-container td-header-row td-header-main-menu">
<div class="td-main-menu-logo td-logo-in-header"><a class="td-main-logo" href="/"><span class="td-logo-text">{SITE_NAME}</span></a></div>
<div id="td-header-menu" role="navigation"><div class="menu-main-menu-container">{_nav_ul(' id="menu-main-menu" class="sf-menu"', ' class="menu-item menu-item-type-taxonomy"')}</div></div>
</div></div></div>
</div>
<div class="td-trending-now-wrapper td-container">
{teaser_html}
</div>
<div class="td-main-content-wrap td-container-wrap">
<div class="td-container td-post-template-default">
<div class="td-crumb-container"><div class="entry-crumbs"><span><a title="" class="entry-crumb" href="/">Home</a></span> <i class="td-icon-right td-bread-sep"></i> <span><a title="View all posts in {a(sec.name)}" class="entry-crumb" href="/{sec.slug}/">{t(sec.name)}</a></span></div></div>
<div class="td-pb-row">
<div class="td-pb-span8 td-main-content" role="main">
<div class="td-ss-main-content">
<div class="post type-post status-publish format-standard has-post-thumbnail hentry category-{sec.slug}">
<div class="td-post-header">
<ul class="td-category"><li class="entry-category"><a href="/{sec.slug}/">{t(sec.name)}</a></li></ul><div class="td-post-title"><h1 class="entry-title">{t(art.title)}</h1>
<div class="td-module-meta-info">
<div class="td-post-author-name"><span class="td-author-by">By</span> {authors} <span class="td-author-line">-</span></div>
<span class="td-post-date">{t(_human_date(art.published))}</span>
<div class="td-post-views"><i class="td-icon-views"></i><span class="td-nr-views-{1000 + idx}">{art.views:,}</span></div>
</div>
</div>
</div>
<div class="td-post-sharing-top"><div class="td-post-sharing-visible">{share}</div></div>
<div class="td-post-content tagdiv-type">
<div class="td-post-featured-image"><img width="696" height="392" class="entry-thumb" src="/static/img/{sec.slug}.svg" alt="" title="{a(art.title)}" /></div>
{_body_html(art, p_open)}
<p class="td-source">{credit}</p>
<p><em>{t(DISCLAIMER_LEGACY)}</em></p>
<div class="td_block_wrap td-block-other-content"><h4 class="block-title"><span>{OTHER_CONTENT}</span></h4>
{_link_list(more, '<ul class="td-other-content">')}
</div>
<div class="td_block_wrap td-block-other-tags"><h4 class="block-title"><span>{OTHER_TAGS}</span></h4>
<ul class="td-tags">{"".join(f"<li>{_tag_links([x])}</li>" for x in other_tags)}</ul>
</div>
</div>
<footer>
<div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li><span>TAGS</span></li>{"".join(f"<li>{_tag_links([x])}</li>" for x in art.tags)}</ul></div>
<div class="td-post-sharing-bottom"><div class="td-post-sharing-visible">{share}</div></div>
<div class="td-block-row td-post-next-prev">
<div class="td-block-span6 td-post-prev-post"><div class="td-post-next-prev-content"><span>Previous article</span><a href="{a(prev_art.path)}">{t(prev_art.title)}</a></div></div>
<div class="td-block-span6 td-post-next-post"><div class="td-post-next-prev-content"><span>Next article</span><a href="{a(next_art.path)}">{t(next_art.title)}</a></div></div>
</div>
</footer>
</div>
</div>
</div>
<div class="td-pb-span4 td-main-sidebar" role="complementary">
<div class="td-ss-main-sidebar td-post-sidebar">
<div class="td_block_wrap td_block_popular"><h4 class="block-title"><span>{MOST_POPULAR}</span></h4>
{popular_html}
</div>
<div class="td_block_wrap td-newsletter-widget"><h4 class="block-title"><span>Subscribe</span></h4><p>Subscribe to our newsletter and get the top stories of the day.</p></div>
<div class="td-a-rec td-a-rec-id-sidebar"><span class="td-adspot-title">- Advertisement -</span></div>
</div>
</div>
</div>
</div>
</div>
<div class="td-footer-wrapper td-container-wrap">
<div class="td-container"><div class="td-footer-info">{SITE_NAME} is a fictional newspaper used to test news extraction.</div>
<div class="td-sub-footer-menu">{_nav_ul(' class="td-subfooter-menu"')}</div>
<div class="td-sub-footer-copy">Copyright {COPYRIGHT}. All rights reserved. Powered by WordPress.</div></div>
</div>
</div>
</body>
</html>
"""


def render_plain(art: Article, site: SiteContext) -> str:
    """Minimal hand-made markup; JSON-LD ``NewsArticle`` including ``articleBody``."""
    teasers, more, popular, other_tags = site.picks(art)
    sec = art.section
    tzname = "CEST" if art.published.utcoffset() == timedelta(hours=2) else "CET"
    stamp = f"Published {art.published.day} {MONTHS[art.published.month - 1]} " \
            f"{art.published.year}, {art.published:%H:%M} {tzname}"
    if art.modified:
        mtz = "CEST" if art.modified.utcoffset() == timedelta(hours=2) else "CET"
        stamp += (f" | Updated {art.modified.day} {MONTHS[art.modified.month - 1]} "
                  f"{art.modified.year}, {art.modified:%H:%M} {mtz}")
    credit = SOURCE_LABELS["plain"].format(
        src=f'<a href="/about/">{t(art.source)}</a>' if art.source_linked else t(art.source))
    menu = " | ".join(f'<a href="{href}">{t(label)}</a>' for label, href in _nav_items())
    teaser_html = "\n".join(
        f'<div class="teaser"><a href="{a(x.path)}">{t(x.title)}</a><br>{t(x.teaser())}</div>'
        for x in teasers)
    return f"""<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>{t(art.title)} - {SITE_NAME}</title>
<meta name="description" content="{a(art.description)}">
<link rel="canonical" href="{a(art.path)}">
{_json_ld(_news_article_ld(art, with_body=True))}
</head>
<body>
<div id="topbar">{TOPBAR_DATE} | {TOPBAR_WEATHER} | {TOPBAR_CITY}</div>
<div id="masthead"><a href="/">{SITE_NAME}</a></div>
<div id="menu">{menu}</div>
<div id="teasers">
{teaser_html}
</div>
<div id="content">
<div class="post">
<a class="cat" href="/{sec.slug}/">{t(sec.name)}</a><h1>{t(art.title)}</h1>
<div class="meta">By {_byline(art, t)} | {t(stamp)}</div>
<div class="text">
{_body_html(art)}
</div>
<p>{credit}</p>
<p>{t(DISCLAIMER)}</p>
<p><b>{OTHER_CONTENT}</b></p>
{_link_list(more)}
<p><b>{OTHER_TAGS}</b> {_tag_links(other_tags, " ")}</p>
<p>Filed under: {_tag_links(art.tags, ", ")}</p>
<p>Share this: <a href="#share-facebook">Facebook</a> | <a href="#share-twitter">Twitter</a> | <a href="#share-email">Email</a></p>
<div class="popular"><b>{MOST_POPULAR}</b>
{_link_list(popular, "<ol>", "</ol>")}
</div>
</div>
</div>
<div id="newsletter">Join the {SITE_NAME} newsletter: one email a day, no spam.</div>
<div id="footer">{COPYRIGHT}. All rights reserved.</div>
</body>
</html>
"""


def _css(role: str) -> str:
    """A CSS-in-JS style class name: a hash that says nothing about what the element is."""
    digest = int(hashlib.sha1(f"demo-daily-{role}".encode()).hexdigest()[:8], 16)
    chars = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while digest:
        digest, rest = divmod(digest, 36)
        out += chars[rest]
    return f"css-{out[:6]}"


def _obfuscated_body(art: Article) -> str:
    """Body blocks as hashed-class siblings: paragraphs as ``<div>`` (even pages) or ``<p>``."""
    tag = "div" if art.index % 2 == 0 else "p"
    out = []
    for block in art.blocks:
        if block.tag == "h2":
            out.append(f'<div class="{_css("subhead")}"><b>{_block_html(block)}</b></div>')
        elif block.tag == "li":
            out.append(f'<div class="{_css("bullet")}">{_block_html(block)}</div>')
        else:
            out.append(f'<{tag} class="{_css("para")}">{_block_html(block)}</{tag}>')
    return "\n".join(out)


def render_obfuscated(art: Article, site: SiteContext) -> str:
    """CSS-in-JS single page app output: hashed class names, only ``<div>``s, one column.

    No ``<article>``/``<main>``/``<nav>``/``<aside>``, no JSON-LD, no author/date meta: the
    page header, teasers, story, credit, disclaimer, link lists and footer are siblings in
    one container, so only text repeated across pages tells boilerplate from the story.
    """
    teasers, more, popular, other_tags = site.picks(art)
    sec = art.section
    c = _css
    modified_meta = (f'\n<meta property="article:modified_time" content="{_iso(art.modified)}">'
                     if art.modified else "")
    credit = SOURCE_LABELS["obfuscated"].format(
        src=f'<a href="/about/">{t(art.source)}</a>' if art.source_linked else t(art.source))
    updated = f" (updated {t(_human_datetime(art.modified))})" if art.modified else ""
    teaser_html = "\n".join(
        f'<div class="{c("teaser")}"><a class="{c("teaser-link")}" href="{a(x.path)}">{t(x.title)}</a></div>\n'
        f'<div class="{c("teaser-text")}">{t(x.teaser())}</div>' for x in teasers)
    links = "\n".join(f'<div class="{c("list-item")}"><a href="{a(x.path)}">{t(x.title)}</a></div>'
                      for x in more)
    popular_html = "\n".join(
        f'<div class="{c("list-item")}">{n}. <a href="{a(x.path)}">{t(x.title)}</a></div>'
        for n, x in enumerate(popular, 1))
    menu = " ".join(f'<a class="{c("menu-link")}" href="{href}">{t(label)}</a>'
                    for label, href in _nav_items())
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{t(art.title)} · {SITE_NAME}</title>
<meta property="og:title" content="{a(art.title)}">
<meta name="author" content="{a(', '.join(art.author_names))}">
<meta property="article:published_time" content="{_iso(art.published)}">{modified_meta}
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<div id="__next"><div class="{c("app")}">
<div class="{c("bar")}">{TOPBAR_DATE}</div>
<div class="{c("bar")}">{TOPBAR_WEATHER}</div>
<div class="{c("bar")}">{TOPBAR_CITY}</div>
<div class="{c("logo")}"><a href="/">{SITE_NAME}</a></div>
<div class="{c("menu")}">{menu}</div>
{teaser_html}
<div class="{c("kicker")}"><a href="/{sec.slug}/">{t(sec.name)}</a></div><h1 class="{c("headline")}">{t(art.title)}</h1>
<div class="{c("byline")}">By {_byline(art, t)}</div>
<div class="{c("date")}">{t(_human_datetime(art.published))}{updated}</div>
<div class="{c("share")}">Share this: <a href="#share-facebook">Facebook</a> <a href="#share-twitter">Twitter</a> <a href="#share-email">Email</a></div>
{_obfuscated_body(art)}
<div class="{c("promo")}">{t(SITE_PROMO)}</div>
<div class="{c("credit")}">{credit}</div>
<div class="{c("disclaimer")}">{t(DISCLAIMER)}</div>
<div class="{c("heading")}">{OTHER_CONTENT}</div>
{links}
<div class="{c("heading")}">{OTHER_TAGS} {_tag_links(other_tags, " ")}</div>
<div class="{c("heading")}">{MOST_POPULAR}</div>
{popular_html}
<div class="{c("corrections")}">{t(SITE_CORRECTIONS)}</div>
<div class="{c("newsletter")}">Get the {SITE_NAME} newsletter in your inbox every morning.</div>
<div class="{c("footer")}">{COPYRIGHT}. All rights reserved.</div>
</div></div>
</body>
</html>
"""


RENDERERS: dict[str, Callable[[Article, SiteContext], str]] = {
    "modern": render_modern, "legacy": render_legacy, "plain": render_plain,
    "obfuscated": render_obfuscated,
}

# --------------------------------------------------------------------------------------------
# Non-article pages
# --------------------------------------------------------------------------------------------


def _site_footer() -> str:
    return (f'<footer class="site-footer"><nav aria-label="Footer">{_nav_ul()}</nav>'
            f"<p>{COPYRIGHT}. All rights reserved.</p></footer>")


def render_listing(title: str, path: str, description: str, main_html: str,
                   popular: list[Article], extra_head: str = "") -> str:
    """A non-article page (home, section, tag, about): og:type=website, no article JSON-LD."""
    page_title = SITE_NAME if path == "/" else f"{title} | {SITE_NAME}"
    popular_html = ""
    if popular:
        popular_html = (f'<aside class="sidebar"><section class="most-popular">'
                        f"<h2>{MOST_POPULAR}</h2>{_link_list(popular, '<ol>', '</ol>')}"
                        f"</section></aside>\n")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t(page_title)}</title>
<meta name="description" content="{a(description)}">
<link rel="canonical" href="{a(path)}">
<link rel="stylesheet" href="/static/style.css">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="og:title" content="{a(title)}">
<meta property="og:type" content="website">
<meta property="og:url" content="{a(path)}">{extra_head}
</head>
<body class="page-listing">
<div class="top-bar"><span class="today">{TOPBAR_DATE}</span> <span class="weather">{TOPBAR_WEATHER}</span> <span class="city">{TOPBAR_CITY}</span></div>
<header class="site-header">
<a class="logo" href="/">{SITE_NAME}</a>
<nav class="main-nav" aria-label="Sections">{_nav_ul()}</nav>
</header>
<main class="layout">
<div class="listing">
{main_html}
</div>
{popular_html}</main>
{_site_footer()}
</body>
</html>
"""


def _teaser_items(arts: Iterable[Article]) -> str:
    items = []
    for x in arts:
        items.append(
            f'<div class="teaser-item">'
            f'<a class="teaser-section" href="/{x.section.slug}/">{t(x.section.name)}</a>'
            f'<h2><a href="{a(x.path)}">{t(x.title)}</a></h2>'
            f'<p class="teaser-meta">{t(_human_date(x.published))} &middot; '
            f"{t(', '.join(x.author_names))}</p>"
            f"<p>{t(x.teaser(22))}</p></div>")
    return '<div class="teaser-list">\n' + "\n".join(items) + "\n</div>"


ABOUT_PARAGRAPHS = (
    f"{SITE_NAME} is a fictional newspaper. Its pages are generated by a small script so "
    "that the newsspider project can be tested without touching the internet: every story, "
    "person, company and country on this site is made up.",
    "The site deliberately looks like a real news website, with menus, teasers, popular "
    "lists, share buttons and credits around each story, and with three different page "
    "layouts, so that extraction tools have something realistic to work on.",
)


def build_pages(articles: list[Article]) -> dict[str, str]:
    """Map of site-relative file path -> HTML for every page of the site."""
    by_date = sorted(articles, key=lambda x: x.published, reverse=True)
    popular = sorted(articles, key=lambda x: (-x.views, x.index))[:6]
    all_tags = sorted({tag for art in articles for tag in art.tags})
    site = SiteContext(articles=articles, popular=popular, all_tags=all_tags)
    pages: dict[str, str] = {}
    for art in articles:
        pages[art.path.lstrip("/")] = RENDERERS[art.template](art, site)

    home_ld = _json_ld({"@context": "https://schema.org", "@type": "WebSite",
                        "name": SITE_NAME, "url": "/"})
    sections_html = "\n".join(
        f'<section class="home-section"><h2><a href="/{s.slug}/">{t(s.name)}</a></h2>'
        + _link_list([x for x in by_date if x.section is s][:3]) + "</section>"
        for s in SECTIONS)
    pages["index.html"] = render_listing(
        SITE_NAME, "/", "The latest news from Demo Daily.",
        f"<h1>Latest news</h1>\n{_teaser_items(by_date[:16])}\n{sections_html}",
        popular[:5], extra_head="\n" + home_ld + FEED_LINKS)
    for s in SECTIONS:
        arts = [x for x in by_date if x.section is s]
        pages[f"{s.slug}/index.html"] = render_listing(
            s.name, f"/{s.slug}/", s.blurb,
            f"<h1>{t(s.name)}</h1>\n<p class=\"section-blurb\">{t(s.blurb)}</p>\n"
            f"{_teaser_items(arts)}", popular[:5])
    for tag in all_tags:
        arts = [x for x in by_date if tag in x.tags]
        pages[f"tags/{_slugify(tag)}/index.html"] = render_listing(
            f"Tag: {tag}", f"/tags/{_slugify(tag)}/", f"Stories tagged {tag}.",
            f"<h1>Tag: {t(tag)}</h1>\n{_teaser_items(arts)}", [])
    about = "\n".join(f"<p>{t(p)}</p>" for p in ABOUT_PARAGRAPHS)
    pages["about/index.html"] = render_listing(
        f"About {SITE_NAME}", "/about/", f"About {SITE_NAME}, a fictional newspaper.",
        f"<h1>About {SITE_NAME}</h1>\n{about}", [])
    pages["static/style.css"] = STYLE_CSS
    for s in SECTIONS:
        pages[f"static/img/{s.slug}.svg"] = _svg(s.name)
    pages["static/img/logo.svg"] = _svg(SITE_NAME)
    return pages


def _svg(label: str) -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" '
            'viewBox="0 0 1200 630"><rect width="1200" height="630" fill="#1d3557"/>'
            '<text x="600" y="330" font-family="Georgia, serif" font-size="96" '
            f'fill="#f1faee" text-anchor="middle">{t(label)}</text></svg>\n')


STYLE_CSS = """body{font-family:Georgia,serif;margin:0;color:#222;line-height:1.5}
a{color:#1d3557}
.top-bar,#topbar,.td-header-top-menu{background:#1d3557;color:#fff;font:13px sans-serif;padding:4px 12px}
.site-header,#masthead,.td-header-menu-wrap{padding:12px;border-bottom:1px solid #ddd}
.logo,#masthead a,.td-main-logo{font-size:28px;font-weight:bold;text-decoration:none}
.main-nav ul,.sf-menu{list-style:none;display:flex;gap:16px;padding:0;margin:8px 0 0}
.layout,#content,.td-pb-row{display:flex;gap:32px;max-width:1100px;margin:24px auto;padding:0 12px}
.story,.listing,.td-main-content{flex:3}.sidebar,.td-main-sidebar{flex:1}
.kicker,.cat,.td-category a{text-transform:uppercase;font:bold 12px sans-serif}
.visually-hidden{position:absolute;left:-9999px}
.top-stories ul,.td-trending-now-wrapper{display:flex;gap:16px;list-style:none;font-size:13px}
.site-footer,#footer,.td-footer-wrapper{border-top:1px solid #ddd;padding:16px;font-size:13px}
"""

# --------------------------------------------------------------------------------------------
# Ground truth and output
# --------------------------------------------------------------------------------------------


def build_ground_truth(articles: list[Article], pages: dict[str, str]) -> dict[str, Any]:
    """The expected extraction for every article plus the list of non-article pages."""
    for art in articles:
        for marker in BOILERPLATE_MARKERS + SITE_BOILERPLATE_MARKERS:
            if marker in art.body:
                raise RuntimeError(f"marker {marker!r} occurs in the body of {art.path}")
    non_articles = ["/"] + [f"/{s.slug}/" for s in SECTIONS]
    non_articles += sorted("/" + p[: -len("index.html")] for p in pages
                           if p.startswith("tags/") and p.endswith("index.html"))
    non_articles.append("/about/")
    ordered = sorted(articles, key=lambda x: (SECTIONS.index(x.section), x.published))
    return {
        "site": SITE_NAME,
        "articles": {
            art.path: {
                "title": art.title,
                "section": art.section.name,
                "authors": art.author_names,
                "published": _iso(art.published),
                "modified": _iso(art.modified),
                "tags": list(art.tags),
                "description": art.description,
                "template": art.template,
                "body": art.body,
            }
            for art in ordered
        },
        "non_articles": non_articles,
        "boilerplate_markers": list(BOILERPLATE_MARKERS),
        "site_boilerplate_markers": list(SITE_BOILERPLATE_MARKERS),
    }


def build(site_dir: Path = SITE_DIR, ground_truth_path: Path = GROUND_TRUTH_PATH,
          seed: int = SEED) -> dict[str, Any]:
    """(Re)write the whole site into ``site_dir`` and the ground truth; return the latter."""
    articles = generate_articles(seed)
    pages = build_pages(articles)
    truth = build_ground_truth(articles, pages)
    site_dir = Path(site_dir)
    if site_dir.exists():
        shutil.rmtree(site_dir)
    for rel, content in sorted(pages.items()):
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8", newline="\n")
    write_discovery(site_dir, articles, SITE_NAME)
    ground_truth_path = Path(ground_truth_path)
    ground_truth_path.parent.mkdir(parents=True, exist_ok=True)
    ground_truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n",
                                 encoding="utf-8", newline="\n")
    return truth


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Generate the Demo Daily site.")
    parser.add_argument("--out", type=Path, default=SITE_DIR, help="site folder to rewrite")
    parser.add_argument("--ground-truth", type=Path, default=GROUND_TRUTH_PATH)
    args = parser.parse_args(argv)
    truth = build(args.out, args.ground_truth)
    n_pages = sum(1 for p in Path(args.out).rglob("*.html"))
    print(f"wrote {n_pages} pages ({len(truth['articles'])} articles) to {args.out} "
          f"and ground truth to {args.ground_truth}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
