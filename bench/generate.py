#!/usr/bin/env python3
"""Write a synthetic journal archive for benchmarking quire.

    python3 bench/generate.py OUT_DIR --articles 10000 [--seed 1] [--force]

The site follows the content format (journal.yaml, content/<year>/<issue>/
_issue.yaml, one Markdown file per article, content/pages/about.md). Every
name, title and sentence is made up from the word lists below; no real text
is copied. The same arguments always give a byte-identical tree: all
randomness comes from one random.Random(seed), and nothing depends on hash
order, the clock or the environment.

Shape, per 10,000 articles: about 6 issues a year, 15-25 articles an issue,
years counted back from 2025; 1-4 authors from a pool where a few authors
recur on a hundred or more articles (Zipf-Mandelbrot); 4-10 keywords from a
pool of ~20,000 (Zipf: a handful on thousands of articles, most on one or
none), with Cyrillic terms and occasional case or spacing variants of a
term; 0-4 countries weighted towards Central Asia, the Caucasus, Russia and
China; a third of the articles carry a 2,000-6,000-word body (and then a
reference list); a tenth carry a Russian translation block.

The output folder must be empty or missing. With --force, a folder that this
script wrote before (it holds the .quire-bench-site marker, which lists every
file written) is cleared of exactly those files first; nothing else in it is
touched. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import re
import sys
import unicodedata
from pathlib import Path
from random import Random

MARKER = ".quire-bench-site"
NEWEST_YEAR = 2025
ISSUES_PER_YEAR = 6
KEYWORD_POOL = 20_000

# ---------------------------------------------------------------- word lists

FUNCTION_WORDS = (
    "the of and in to a is that for as on with by which are this from its be it "
    "an at not or their has have was were between these also such more other "
    "than into within both however while through under over among whose most "
    "can may would should has been during since toward without"
).split()

CONTENT_WORDS = (
    "analysis approach framework policy region regional state states government "
    "cooperation integration security economic political strategy interests "
    "development relations international national institutions institutional "
    "process processes countries country power powers influence actors elites "
    "dynamics transformation structure structures factors factor conditions "
    "perspective perspectives challenges opportunities trade investment energy "
    "resources infrastructure transit connectivity corridor corridors market "
    "markets growth reform reforms modernization sovereignty identity culture "
    "historical history tradition traditions society social legitimacy regime "
    "regimes authority leadership decision decisions negotiations agreement "
    "agreements treaty partnership alliance alliances competition rivalry "
    "conflict conflicts crisis stability instability threats risks border "
    "borders territory migration labour remittances diaspora water hydropower "
    "agriculture industry industrial financial banking currency sanctions "
    "globalization multilateral bilateral diplomacy diplomatic foreign domestic "
    "public private sector sectors model models concept concepts theory "
    "theoretical empirical evidence data case cases study studies research "
    "argues demonstrates suggests shows examines considers identifies explores "
    "reveals highlights emphasizes assesses compares describes explains "
    "contributes remains becomes appears seeks aims allows enables requires "
    "reflects shapes determines undermines strengthens weakens supports "
    "promotes balances limits constrains significant important considerable "
    "key main major central crucial new current contemporary recent modern "
    "post-Soviet Eurasian Asian European global local particular specific "
    "general common collective mutual strategic pragmatic normative formal "
    "informal complex limited growing increasing declining emerging long-term "
    "short-term practical ideological geopolitical geoeconomic cultural "
    "religious ethnic linguistic demographic environmental technological digital "
    "scientific educational administrative legal constitutional electoral "
    "parliamentary presidential federal municipal urban rural network networks "
    "initiative initiatives project projects program programmes organization "
    "organizations community communities population populations generation "
    "memory narrative narratives discourse discourses image images perception "
    "perceptions expectations preferences incentives outcomes results effects "
    "consequences implications dimension dimensions level levels scale period "
    "decade decades century 1990s 2000s 2010s transition independence "
    "neighbourhood neighbours partners partner donors aid assistance capacity "
    "capacities expertise knowledge information media platforms mechanisms "
    "instruments tools means resources balance hierarchy order system systems "
    "Central Asia Kazakhstan Uzbekistan Kyrgyzstan Tajikistan Turkmenistan "
    "Russia China Caucasus Azerbaijan Georgia Armenia Iran Afghanistan Turkey "
    "Mongolia Caspian Eurasia Moscow Beijing Astana Tashkent Bishkek Dushanbe"
).split()

# The same words in "Title Case" pieces, for titles, headings and keywords.
ADJECTIVES = (
    "regional national international global economic political strategic "
    "institutional cultural social historical comparative foreign domestic "
    "transnational multilateral bilateral post-Soviet Eurasian Asian European "
    "maritime nuclear environmental digital financial monetary fiscal legal "
    "constitutional electoral religious ethnic linguistic demographic "
    "humanitarian diplomatic ideological geopolitical geoeconomic territorial "
    "sovereign federal local municipal rural urban industrial agricultural "
    "technological scientific educational informational normative liberal "
    "conservative authoritarian democratic hybrid civil public private "
    "corporate sectoral cross-border continental Arctic Caspian Pacific "
    "Soviet imperial colonial postcolonial modern contemporary emerging "
    "developing sustainable collective asymmetric hegemonic multipolar "
    "systemic structural functional informal formal military naval "
    "peripheral metropolitan nomadic agrarian pragmatic symbolic"
).split()

NOUNS = [
    *"""security integration cooperation policy governance diplomacy trade
    investment energy transit migration identity sovereignty regionalism
    nationalism federalism development modernization transformation competition
    conflict crisis sanctions alliance partnership neutrality mediation
    negotiation deterrence disarmament terrorism extremism radicalization
    infrastructure connectivity logistics corridors pipelines hydropower oil gas
    uranium agriculture remittances tourism education media propaganda elections
    parliament bureaucracy corruption constitution judiciary decentralization
    urbanization inequality poverty welfare healthcare demography diaspora
    religion secularism historiography legitimacy leadership succession elites
    patronage informality inflation banking debt tariffs digitalization
    cybersecurity innovation mining borders sanctions regimes institutions
    peacekeeping multilateralism hegemony rivalry balancing bandwagoning
    hedging autonomy interdependence dependency cooperation mobility labour
    memory narratives discourse ideology populism reform markets currency
    finance industry manufacturing fisheries shipping railways ports aviation
    telecommunications satellites science archives museums heritage language
    literacy schooling universities youth gender families households cities
    villages pastures rivers glaciers lakes deserts steppe forests climate
    drought floods earthquakes pandemics vaccination nutrition food housing
    land property taxation budgets subsidies prices wages employment
    entrepreneurship startups exports imports smuggling customs visas
    citizenship refugees asylum minorities clans tribes nomads pilgrims
    missionaries diplomats soldiers veterans police courts prisons""".split(),
    "arms control", "water management", "border management", "labour migration",
    "higher education", "soft power", "public diplomacy", "party system",
    "civil society", "rule of law", "human rights", "local government",
    "climate change", "food security", "language policy", "memory politics",
    "nation-building", "state-building", "economic growth", "exchange rate",
    "foreign aid", "development assistance", "free trade", "customs union",
    "supply chains", "artificial intelligence", "science policy",
    "space policy", "nuclear energy", "renewable energy", "energy transition",
    "rare earths", "critical minerals", "sovereign wealth funds",
    "special economic zones", "public health", "transport corridors",
]

PLACES = (
    "Central Asia|Kazakhstan|Uzbekistan|Kyrgyzstan|Tajikistan|Turkmenistan|"
    "Russia|China|the South Caucasus|Azerbaijan|Georgia|Armenia|Iran|"
    "Afghanistan|Mongolia|the Caspian Region|Eurasia|the Fergana Valley|"
    "Xinjiang|Siberia|the Russian Far East|the Black Sea Region|the Arctic|"
    "South Asia|the Middle East|the European Union|Turkey|India|Pakistan|"
    "Belarus|Ukraine|Moldova|the Baltic States|East Asia|the Post-Soviet Space"
).split("|")

# Keywords at the head of the Zipf ranking, in rank order: the terms every
# issue of such a journal carries, country names and their variants (quire
# matches countries from keywords: docs/content-format.md), and a few
# Cyrillic ones.
TOP_KEYWORDS = [
    "Central Asia", "security", "integration", "Russia", "China", "Kazakhstan",
    "regionalism", "foreign policy", "Uzbekistan", "energy security", "CIS",
    "Eurasian Economic Union", "Shanghai Cooperation Organisation",
    "Belt and Road Initiative", "Kyrgyzstan", "geopolitics", "sovereignty",
    "Tajikistan", "South Caucasus", "Azerbaijan", "Georgia", "Armenia",
    "Turkmenistan", "migration", "identity", "soft power", "United States",
    "European Union", "Afghanistan", "Iran", "Turkey", "water resources",
    "nationalism", "post-Soviet space", "great powers", "multilateralism",
    "sanctions", "energy", "transit", "connectivity", "Caspian Sea", "Eurasia",
    "интеграция", "Казахстан", "безопасность", "Центральная Азия",
    "Kyrgyz Republic", "Türkiye", "India", "Pakistan", "Mongolia", "Belarus",
    "Ukraine", "international relations", "regional cooperation",
    "Collective Security Treaty Organization", "hydropower", "labour migration",
    "USA", "PRC", "Kirghizia", "Qazaqstan", "Oʻzbekiston", "Россия", "Китай",
    "Узбекистан", "Кыргызстан", "Таджикистан", "Азербайджан", "Грузия",
    "ЕАЭС", "ШОС", "СНГ", "neutrality", "Great Game", "hegemony",
    "balance of power", "realism", "constructivism", "Fergana Valley",
    "Xinjiang", "Islam", "political Islam", "terrorism", "extremism",
    "peacekeeping", "Nagorno-Karabakh", "oil", "natural gas", "pipelines",
    "uranium", "trade", "foreign direct investment", "remittances",
    "authoritarianism", "elections", "legitimacy", "succession",
    "civil society", "Japan", "South Korea", "Germany", "France",
    "United Kingdom", "Norway",
]

CYR_NOUNS = (
    "политика безопасность интеграция сотрудничество дипломатия торговля "
    "энергетика миграция идентичность модернизация трансформация конкуренция "
    "стратегия экономика культура история идеология демократия суверенитет "
    "регионализм партнёрство инфраструктура транзит развитие реформа "
    "национализм легитимность элита память нарратив образование религия "
    "урбанизация неравенство занятость инвестиции санкции посредничество "
    "нейтралитет"
).split()
CYR_GENITIVES = (
    "безопасности интеграции России Китая Казахстана Узбекистана Киргизии "
    "Таджикистана Туркмении Азербайджана Армении Грузии Евразии региона "
    "государства экономики энергетики Кавказа СНГ ЕАЭС ШОС ЕС США Ирана "
    "Турции Монголии Афганистана Индии элит границ рынков регионов "
    "соседей союзников институтов реформ ресурсов транзита"
).split()
CYR_WORDS = (
    "и в на с по для что как это его их из к от до при о не также между "
    "регион государство политика экономика развитие сотрудничество интеграция "
    "безопасность статья автор анализ процесс факторы условия интересы "
    "стратегия отношения страны власти общество институты реформы "
    "исследование подход модель результаты рассматривает показывает "
    "определяет выявляет анализирует подчёркивает региональный национальный "
    "международный экономический политический стратегический современный "
    "новый важный ключевой Центральная Азия Казахстан Россия Китай Узбекистан"
).split()

SECTIONS = [  # (name, weight)
    ("International Relations Theory", 2), ("Regional Studies", 6),
    ("World Economy", 4), ("Political Science", 4),
    ("International Security", 3), ("Reviews", 1),
]

COUNTRIES = [  # (ISO 3166-1 alpha-2, weight)
    ("KZ", 30), ("UZ", 22), ("KG", 18), ("TJ", 14), ("TM", 10), ("RU", 30),
    ("CN", 24), ("AZ", 10), ("AM", 8), ("GE", 9), ("MN", 5), ("AF", 6),
    ("IR", 6), ("TR", 6), ("US", 8), ("IN", 5), ("PK", 4), ("BY", 4),
    ("UA", 5), ("MD", 2), ("DE", 3), ("FR", 2), ("GB", 3), ("JP", 3),
    ("KR", 3), ("NO", 1), ("EE", 1), ("LV", 1), ("LT", 1), ("PL", 2),
    ("SA", 1), ("AE", 2), ("IL", 1), ("EG", 1), ("BR", 1), ("CA", 1),
]

CITIES = (
    "Moscow Almaty Astana Tashkent Bishkek Dushanbe Ashgabat Baku Tbilisi "
    "Yerevan Beijing Shanghai Novosibirsk Kazan Yekaterinburg Tomsk Samarkand "
    "Osh Khujand Berlin Paris London Warsaw Istanbul Ankara Seoul Tokyo Vienna"
).split() + ["Saint Petersburg", "New Delhi", "Ulaanbaatar"]
FIELDS = (
    "International Relations|Eurasian Studies|Central Asian Studies|"
    "Oriental Studies|Caspian Studies|Economics|Political Science|"
    "Strategic Studies|Regional Studies|Energy Policy|Water Resources|"
    "Security Studies|History|Law|Sociology|World Economy"
).split("|")

RU_MALE = (
    "Александр Алексей Андрей Борис Вадим Виктор Владимир Дмитрий Евгений "
    "Иван Игорь Кирилл Максим Михаил Никита Николай Олег Павел Роман Сергей "
    "Станислав Тимур Фёдор Юрий Ярослав Артём Глеб Денис Илья Константин "
    "Бахтиёр Даурен Ержан Нурлан Рустам Санжар Фарход Шерзод Азамат Арман"
).split()
RU_FEMALE = (
    "Анна Анастасия Валентина Вера Дарья Евгения Екатерина Елена Ирина Ксения "
    "Людмила Марина Мария Наталья Ольга Полина Светлана Татьяна Юлия Алина "
    "Виктория Галина Зарина Софья Айгерим Асель Динара Гульнара Камила Мадина"
).split()
RU_FAMILY = (  # masculine forms; feminine ones are derived
    "Абрамов Белов Воронцов Гаврилов Голубев Денисов Ефимов Жуков Зайцев "
    "Ильин Калинин Ковалёв Комаров Крылов Лебедев Макаров Мельников Морозов "
    "Назаров Никитин Орлов Павлов Поляков Родионов Савельев Сорокин Тихонов "
    "Титов Фомин Чернов Шестаков Щербаков Яковлев Ахмедов Бекмуратов Исмаилов "
    "Нурланов Садыков Турсунов Юсупов Алиев Гусейнов Мамедов Оганесян "
    "Саркисян Гелашвили Беридзе Вишневский Загорский Ковальский Есенов "
    "Жумабаев Ташкентов Рахимов Абдуллаев Касымов Омаров Сейткалиев"
).split()
RU_INITIALS = "АБВГДЕИКЛМНОПРСТФЮ"
TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
))
TRANSLIT = {k: ("" if v == "_" else v) for k, v in TRANSLIT.items()}

CN_FAMILY = "Zhang Wang Li Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo".split()
CN_GIVEN = ("Wei Fang Min Jing Lei Yan Qiang Jun Yong Xiaoming Xiulan Haiyan Jianguo "
            "Lihua Mingyu Zihan Yuxuan Ruoxi Haoran Jiahui").split()
KR_FAMILY = "Kim Lee Park Choi Jung Kang Cho Yoon".split()
KR_GIVEN = "Min-jun Seo-yeon Ji-hoon Ha-eun Do-yoon Soo-ah Hyun-woo Ji-woo".split()
WEST_GIVEN = ("Anna Thomas Maria David Sarah Michael Laura Peter Julia Daniel Sophie "
              "Martin Clara Jonas Emily Lukas Hannah Marco Elena James Ayşe Mehmet "
              "Zeynep Emre Søren Åsa Łukasz Zoë").split()
WEST_FAMILY = ("Schmidt Müller Fischer Weber Becker Hoffmann Dubois Laurent Moreau "
               "Rossi Bianchi Novák Kowalski Nielsen Andersson Smith Brown Taylor "
               "Wilson Clarke O’Neill García López Yılmaz Demir Kaya Şahin "
               "Jørgensen Lefèvre").split()
WEST_PARTICLES = ["van der Berg", "de Vries", "von Hagen", "da Silva"]

DEGREES = [
    "PhD in Political Sciences", "PhD in History", "PhD in Economics",
    "Doctor of Political Sciences", "Doctor of Economics", "Candidate of Sciences (Law)",
    "PhD", "MA in International Relations", "Doctor of Historical Sciences",
]
POSITIONS = [
    "Professor", "Associate Professor", "Senior Lecturer", "Lecturer",
    "Senior Research Fellow", "Research Fellow", "Leading Research Fellow",
    "Postgraduate Student", "Head of Department", "Visiting Scholar",
]
DOMAINS = ["example.org", "example.com", "example.net"]

# --------------------------------------------------------------- small tools


def zipf_cum(n: int, s: float = 1.0, q: float = 0.0) -> list[float]:
    """Cumulative Zipf-Mandelbrot weights 1/(rank+q)^s for ranks 1..n."""
    return list(itertools.accumulate(1.0 / (r + q) ** s for r in range(1, n + 1)))


def draw_distinct(rng: Random, pool: list, cum: list[float], k: int, key=lambda x: x) -> list:
    """k distinct items by weight (distinct by `key`), in draw order."""
    seen, out = set(), []
    for _ in range(50 * k):
        if len(out) == k:
            break
        item = rng.choices(pool, cum_weights=cum)[0]
        kk = key(item)
        if kk not in seen:
            seen.add(kk)
            out.append(item)
    return out


def weighted(rng: Random, pairs):
    items, weights = zip(*pairs)
    return rng.choices(items, weights=weights)[0]


def issn_check(seven: str) -> str:
    total = sum(int(d) * w for d, w in zip(seven, range(8, 1, -1)))
    c = (11 - total % 11) % 11
    return f"{seven[:4]}-{seven[4:]}{'X' if c == 10 else c}"


def orcid_check(fifteen: str) -> str:
    """ISO 7064 MOD 11-2 check character for the 15 base digits."""
    total = 0
    for d in fifteen:
        total = (total + int(d)) * 2
    c = (12 - total % 11) % 11
    return "X" if c == 10 else str(c)


def translit(s: str) -> str:
    out = []
    for ch in s:
        low = ch.lower()
        if low in TRANSLIT:
            t = TRANSLIT[low]
            out.append(t.capitalize() if ch != low else t)
        else:
            out.append(ch)
    return "".join(out)


def ascii_fold(s: str) -> str:
    s = s.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("ı", "i")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def slugify(s: str, max_words: int = 7) -> str:
    s = ascii_fold(s.replace("’", "").replace("'", "")).lower()
    words = re.findall(r"[a-z0-9]+", s)
    return "-".join(words[:max_words]) or "article"


_PLAIN_OK = re.compile(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF\u02BB][A-Za-z0-9\u00C0-\u024F\u0400-\u04FF\u02BB .’()&/@\-]*")
_YAML_SPECIAL = re.compile(
    r"(?i:y|n|yes|no|true|false|on|off|null|~|\.inf|\.nan)|[-+]?[0-9][0-9_.:eE+-]*"
)


def ys(s: str, flow: bool = False) -> str:
    """A YAML scalar for `s`: plain when that is unambiguous, else double-quoted.

    Plain only for a conservative character set (no `:`, `#`, quotes, and in
    flow context no `,[]{}` either), no leading/trailing or doubled spaces,
    and nothing YAML 1.1 or 1.2 would read as a bool, null, number or date
    (so the country code NO is quoted). JSON string syntax is valid YAML.
    """
    if (
        _PLAIN_OK.fullmatch(s)
        and not _YAML_SPECIAL.fullmatch(s)
        and s == s.strip()
        and "  " not in s
        and not (flow and any(c in s for c in ",[]{}"))
    ):
        return s
    return json.dumps(s, ensure_ascii=False)


def wrap(text: str, width: int, indent: str) -> list[str]:
    lines, cur, n = [], [], 0
    for w in text.split(" "):
        if cur and n + 1 + len(w) > width:
            lines.append(indent + " ".join(cur))
            cur, n = [], 0
        n += len(w) + (1 if cur else 0)
        cur.append(w)
    if cur:
        lines.append(indent + " ".join(cur))
    return lines


def title_case(words: list[str]) -> str:
    small = {"of", "and", "in", "the", "for", "on", "to", "a", "an", "from", "after", "at", "with"}
    out = []
    for i, w in enumerate(" ".join(words).split(" ")):
        if i and w in small:
            out.append(w)
        elif w[:1].islower():
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
        else:
            out.append(w)
    return " ".join(out)


# ------------------------------------------------------------------ the site


class Generator:
    def __init__(self, seed: int, articles: int):
        self.rng = Random(seed)
        self.n_articles = articles
        rng = self.rng
        content = CONTENT_WORDS[:]
        rng.shuffle(content)
        self.vocab = FUNCTION_WORDS + content
        self.vocab_cum = zipf_cum(len(self.vocab), 1.0, 4)
        self.cyr_cum = zipf_cum(len(CYR_WORDS), 1.0, 3)
        self.keywords = self._keyword_pool()
        self.kw_cum = zipf_cum(len(self.keywords), 1.0, 2)
        self.cyr_keywords = [k for k in self.keywords if re.search("[а-яё]", k, re.I)]
        self.cyr_kw_cum = zipf_cum(len(self.cyr_keywords), 1.0, 2)
        self.affiliations = self._affiliations(150)
        self.authors = self._authors(max(40, articles // 2))
        self.author_cum = zipf_cum(len(self.authors), 1.0, 20)

    # -- pools

    def _keyword_pool(self) -> list[str]:
        rng = self.rng
        seen, pool = set(), []

        def add(k: str):
            key = " ".join(k.split()).casefold()
            if key not in seen:
                seen.add(key)
                pool.append(k)

        for k in TOP_KEYWORDS:
            add(k)
        cands = [f"{a} {n}" for a in ADJECTIVES for n in NOUNS]
        cands += [f"{n} in {p}" for n in NOUNS[:120] for p in PLACES]
        cands += [f"{n} {m}" for n in NOUNS[:60] for m in NOUNS[60:120] if n != m]
        cyr = [f"{n} {g}" for n in CYR_NOUNS for g in CYR_GENITIVES] + CYR_NOUNS
        rng.shuffle(cands)
        rng.shuffle(cyr)
        n_cyr = KEYWORD_POOL // 20  # 5 % of the pool is Cyrillic
        rest = cands[: KEYWORD_POOL - len(pool) - n_cyr + 200] + cyr[:n_cyr]
        rng.shuffle(rest)
        for k in rest:
            if len(pool) >= KEYWORD_POOL:
                break
            add(k)
        return pool

    def _affiliations(self, n: int) -> list[str]:
        rng, out, seen = self.rng, [], set()
        forms = [
            "{c} State University", "{c} Institute of {f}", "Centre for {f}, {c}",
            "University of {c}", "{c} University of {f}", "Institute of {f}, Academy of Sciences, {c}",
            "School of {f}, {c} National University", "{f} Research Institute, {c}",
        ]
        while len(out) < n:
            a = rng.choice(forms).format(c=rng.choice(CITIES), f=rng.choice(FIELDS))
            if a not in seen:
                seen.add(a)
                out.append(a)
        return out

    def _orcid(self, used: set) -> str:
        while True:
            base = "0000000" + str(self.rng.randint(1, 3)) + "".join(
                str(self.rng.randrange(10)) for _ in range(7))
            full = base + orcid_check(base)
            o = "-".join(full[i:i + 4] for i in range(0, 16, 4))
            if o not in used:
                used.add(o)
                return o

    def _authors(self, n: int) -> list[dict]:
        rng, out, used = self.rng, [], set()
        for _ in range(n):
            kind = weighted(rng, [("ru", 60), ("cn", 10), ("kr", 3), ("west", 22), ("particle", 2)])
            a: dict = {}
            if kind == "ru":
                female = rng.random() < 0.45
                given = rng.choice(RU_FEMALE if female else RU_MALE)
                fam = rng.choice(RU_FAMILY)
                if female:
                    if fam.endswith("ский"):
                        fam = fam[:-2] + "ая"
                    elif fam.endswith(("ов", "ев", "ёв", "ин", "ын")):
                        fam += "а"
                init = rng.choice(RU_INITIALS)
                a["name"] = f"{translit(given)} {translit(init)}. {translit(fam)}"
                a["short"] = f"{translit(given[0])}. {translit(init)}. {translit(fam)}"
                if rng.random() < 0.7:
                    a["name_original"] = f"{given} {init}. {fam}"
                local = f"{ascii_fold(translit(fam)).lower()}.{ascii_fold(translit(given))[0].lower()}"
            elif kind in ("cn", "kr"):
                fam_l, giv_l = (CN_FAMILY, CN_GIVEN) if kind == "cn" else (KR_FAMILY, KR_GIVEN)
                fam, given = rng.choice(fam_l), rng.choice(giv_l)
                a["name"] = f"{fam} {given}"
                a["family"], a["given"] = fam, given
                local = f"{given.lower().replace('-', '')}.{fam.lower()}"
            else:
                given = rng.choice(WEST_GIVEN)
                fam = rng.choice(WEST_PARTICLES if kind == "particle" else WEST_FAMILY)
                mid = f" {rng.choice('ABCDEFGHJKLMNPRST')}." if rng.random() < 0.4 else ""
                a["name"] = f"{given}{mid} {fam}"
                a["short"] = f"{given[0]}.{mid} {fam}"
                if kind == "particle":
                    a["family"], a["given"] = fam, f"{given}{mid}"
                local = f"{slugify(given)}.{slugify(fam).replace('-', '')}"
            if rng.random() < 0.6:
                a["degrees"] = rng.choice(DEGREES)
            if rng.random() < 0.7:
                a["position"] = rng.choice(POSITIONS)
            if rng.random() < 0.95:
                aff = rng.choice(self.affiliations)
                a["affiliation"] = [aff, rng.choice(self.affiliations)] if rng.random() < 0.1 else aff
            if rng.random() < 0.2:
                a["address"] = (f"{rng.choice(CONTENT_WORDS).capitalize()} street, "
                                f"{rng.randint(1, 120)}, {rng.choice(CITIES)}, {rng.randint(100000, 999999)}")
            if rng.random() < 0.6:
                a["email"] = f"{local}@{rng.choice(DOMAINS)}"
            if rng.random() < 0.4:
                a["orcid"] = self._orcid(used)
                a["orcid_url"] = rng.random() < 0.2
            out.append(a)
        return out

    # -- text

    def sentence(self, n: int) -> str:
        rng = self.rng
        ws = rng.choices(self.vocab, cum_weights=self.vocab_cum, k=n)
        for i in rng.sample(range(2, n - 2), min(rng.randrange(3), n - 4)) if n > 6 else ():
            ws[i] += ","
        ws[0] = ws[0][:1].upper() + ws[0][1:]
        return " ".join(ws) + "."

    def paragraph(self, words: int) -> str:
        """`words` words in sentences of 8-28 (the last may be shorter)."""
        rng = self.rng
        ws = rng.choices(self.vocab, cum_weights=self.vocab_cum, k=words)
        for i in rng.sample(range(words), words // 15):
            ws[i] += ","
        out, i = [], 0
        while i < words:
            seg = ws[i:i + rng.randint(8, 28)]
            i += len(seg)
            seg[0] = seg[0][:1].upper() + seg[0][1:]
            seg[-1] = seg[-1].rstrip(",") + "."
            out.append(" ".join(seg))
        return " ".join(out)

    def cyr_paragraph(self, words: int) -> str:
        rng, out, n = self.rng, [], 0
        while n < words:
            k = rng.randint(7, 22)
            ws = rng.choices(CYR_WORDS, cum_weights=self.cyr_cum, k=k)
            ws[0] = ws[0][:1].upper() + ws[0][1:]
            out.append(" ".join(ws) + ".")
            n += k
        return " ".join(out)

    def phrase(self) -> str:
        rng = self.rng
        return title_case([rng.choice(ADJECTIVES), rng.choice(NOUNS)])

    def title(self) -> str:
        rng = self.rng
        form = rng.randrange(7)
        adj, noun, noun2, place = (rng.choice(ADJECTIVES), rng.choice(NOUNS),
                                   rng.choice(NOUNS), rng.choice(PLACES))
        if form == 0:
            t = title_case([adj, noun, "in", place])
        elif form == 1:
            t = title_case([noun, "and", noun2]) + ": " + title_case([adj, "perspectives on", place])
        elif form == 2:
            t = title_case(["the", adj, noun, "of", place])
        elif form == 3:
            t = title_case([noun, "after", str(rng.choice([1991, 2001, 2008, 2014, 2016, 2022]))])
            t += ": " + title_case(["evidence from", place])
        elif form == 4:
            t = f"{place[0].upper()}{place[1:]}’s {title_case([adj, noun])}"
        elif form == 5:
            t = title_case([adj, noun]) + " & " + title_case([noun2]) + f" in {place}"
        else:
            t = title_case(["between", noun, "and", noun2]) + f": the Case of {place}"
        if rng.random() < 0.05:
            t += f": *{title_case([rng.choice(NOUNS)])}* Revisited"
        elif rng.random() < 0.03:
            t = f"“{title_case([adj, noun])}” in {place}"
        return t

    def keyword_variant(self, k: str) -> str:
        r = self.rng.random()
        if r < 0.03:
            return k.lower()
        if r < 0.045:
            return " ".join(w[:1].upper() + w[1:] for w in k.split(" "))
        if r < 0.055 and " " in k:
            return k.replace(" ", "  ", 1)
        return k

    # -- article parts

    def body(self) -> str:
        """2,000-6,000 words of prose under ## and ### headings, with the odd
        list, quotation, table, footnote and (rarely) fenced code block."""
        rng = self.rng
        target = rng.randint(2000, 6000)
        n_sec = rng.randint(4, 8)
        subs = [rng.randint(0, 3) if 0 < si < n_sec - 1 else 0 for si in range(n_sec)]
        table_at = rng.randrange(1, n_sec - 1) if rng.random() < 0.3 else -1
        code_at = rng.randrange(1, n_sec - 1) if rng.random() < 0.02 else -1
        footnotes = rng.random() < 0.3
        chunks_left = n_sec + sum(subs)
        parts, notes, words = [], [], 0
        for si in range(n_sec):
            heading = "Introduction" if si == 0 else "Conclusion" if si == n_sec - 1 else self.phrase()
            parts.append(f"## {heading}")
            for ci in range(subs[si] + 1):
                if ci:
                    parts.append(f"### {self.phrase()}")
                budget = (target - words) // chunks_left
                chunks_left -= 1
                while budget > 0:
                    w = min(rng.randint(60, 180), max(budget, 30))
                    p = self.paragraph(w)
                    if rng.random() < 0.1:
                        ws = p.split(" ")
                        i = rng.randrange(len(ws) - 1)
                        if ws[i].isalpha():
                            ws[i] = f"*{ws[i]}*" if rng.random() < 0.7 else f"**{ws[i]}**"
                        p = " ".join(ws)
                    if footnotes and rng.random() < 0.15 and len(notes) < 12:
                        notes.append(self.sentence(rng.randint(8, 20)))
                        p = p[:-1] + f"[^{len(notes)}]."
                    r = rng.random()
                    if r < 0.04:
                        items = [self.sentence(rng.randint(4, 12)) for _ in range(rng.randint(3, 6))]
                        if rng.random() < 0.5:
                            p += "\n\n" + "\n".join(f"- {it}" for it in items)
                        else:
                            p += "\n\n" + "\n".join(f"{i}. {it}" for i, it in enumerate(items, 1))
                    elif r < 0.055:
                        p += "\n\n> " + self.paragraph(rng.randint(20, 50))
                    n = p.count(" ") + 1
                    parts.append(p)
                    budget -= n
                    words += n
            if si == table_at:
                parts.append(self.table())
            if si == code_at:
                parts.append(self.code())
        for i, n in enumerate(notes, 1):
            parts.append(f"[^{i}]: {n}")
        return "\n\n".join(parts) + "\n"

    def table(self) -> str:
        rng = self.rng
        cols = rng.randint(3, 5)
        years = sorted(rng.sample(range(1995, 2025), cols - 1))
        head = "| Country | " + " | ".join(str(y) for y in years) + " |"
        align = "|---|" + "---:|" * (cols - 1)
        rows = []
        for code, _ in rng.sample(COUNTRIES[:12], rng.randint(4, 10)):
            vals = " | ".join(f"{rng.uniform(0, 100):.1f}" for _ in years)
            rows.append(f"| {code} | {vals} |")
        caption = f"*Table {rng.randint(1, 4)}. {self.phrase()}, per cent*"
        return "\n".join([caption, "", head, align, *rows])

    def code(self) -> str:
        rng = self.rng
        lang = rng.choice(["python", "r", "stata"])
        v = [rng.choice(["trade", "gdp", "distance", "remittances", "fdi", "tariff"]) for _ in range(4)]
        if lang == "python":
            lines = ["import numpy as np", "import pandas as pd", "",
                     f'panel = pd.read_csv("{v[0]}_panel.csv")',
                     f'panel["{v[1]}_log"] = np.log1p(panel["{v[1]}"])',
                     f'summary = panel.groupby("country")["{v[2]}"].describe()', "print(summary.head(10))"]
        elif lang == "r":
            lines = [f'panel <- read.csv("{v[0]}_panel.csv")',
                     f"model <- lm({v[1]} ~ {v[2]} + {v[3]} + factor(year), data = panel)",
                     "summary(model)"]
        else:
            lines = [f'use "{v[0]}_panel.dta", clear', "xtset country year",
                     f"xtreg {v[1]} {v[2]} {v[3]} i.year, fe vce(cluster country)"]
        return f"```{lang}\n" + "\n".join(lines) + "\n```"

    def reference(self, year: int) -> str:
        rng = self.rng
        a = rng.choice(self.authors)
        fam = a.get("family") or a["name"].split(" ")[-1]
        given = a.get("given") or a["name"]
        y = rng.randint(max(1900, year - 40), year)
        ref = (f"{fam}, {given[0]}. ({y}). {self.title().replace('*', '')}. "
               f"{title_case([rng.choice(ADJECTIVES), rng.choice(['Review', 'Studies', 'Affairs', 'Quarterly'])])}, "
               f"{rng.randint(1, 60)}({rng.randint(1, 6)}), {rng.randint(1, 200)}–{rng.randint(201, 400)}.")
        if rng.random() < 0.4:
            ref += f" https://doi.org/10.99999/ref.{y}.{rng.randint(1, 99999)}"
        return ref

    def author_yaml(self, a: dict, corresponding: bool) -> list[str]:
        rng = self.rng
        name = a["name"]
        orcid = a.get("orcid")
        if orcid and "short" in a and rng.random() < 0.1:
            name = a["short"]  # the same ORCID under another spelling
        if orcid and rng.random() < 0.05:
            orcid = None  # an ORCID-less mention of an identified author
        lines = [f"  - name: {ys(name)}"]
        for k in ("family", "given", "name_original", "degrees", "position"):
            if k in a:
                lines.append(f"    {k}: {ys(a[k])}")
        aff = a.get("affiliation")
        if isinstance(aff, list):
            lines.append("    affiliation:")
            lines += [f"      - {ys(x)}" for x in aff]
        elif aff:
            lines.append(f"    affiliation: {ys(aff)}")
        for k in ("address", "email"):
            if k in a:
                lines.append(f"    {k}: {ys(a[k])}")
        if orcid:
            lines.append(f"    orcid: {'https://orcid.org/' + orcid if a['orcid_url'] else orcid}")
        if corresponding:
            lines.append("    corresponding: true")
        return lines

    def article(self, year: int, number: int, idx: int, first: int, last: int,
                section: str, published: dt.date) -> tuple[str, str, bool]:
        rng = self.rng
        title = self.title()
        lines = ["---", f"title: {ys(title)}", "authors:"]
        k = weighted(rng, [(1, 35), (2, 35), (3, 20), (4, 10)])
        authors = draw_distinct(rng, self.authors, self.author_cum, k, key=id)
        corr = rng.randrange(len(authors)) if rng.random() < 0.5 else -1
        for i, a in enumerate(authors):
            lines += self.author_yaml(a, i == corr)
        lines.append(f"doi: 10.99999/bench.{year}.{number}.{idx}")
        if first == last and rng.random() < 0.5:
            lines.append(f"pages: {first}")
        else:
            dash = "–" if rng.random() < 0.05 else "-"
            lines.append(f"pages: {first}{dash}{last}")
        lines.append(f"section: {ys(section)}")
        # dates: received < revised < accepted < published
        received = published - dt.timedelta(days=rng.randint(90, 420))
        span = (published - received).days
        accepted = received + dt.timedelta(days=rng.randint(14, span - 7))
        lines.append(f"received: {received.isoformat()}")
        if rng.random() < 0.5 and (accepted - received).days >= 2:
            revised = received + dt.timedelta(days=rng.randint(1, (accepted - received).days - 1))
            lines.append(f"revised: {revised.isoformat()}")
        lines.append(f"accepted: {accepted.isoformat()}")
        # abstract: 150-300 words in 1-3 paragraphs
        total = rng.randint(150, 300)
        n_par = rng.randint(1, 3)
        lines.append("abstract: |")
        for pi in range(n_par):
            if pi:
                lines.append("")
            lines += wrap(self.paragraph(total // n_par), 76, "  ")
        # keywords: 4-10, Zipf over the pool, distinct after case/space folding
        kws = draw_distinct(rng, self.keywords, self.kw_cum, rng.randint(4, 10),
                            key=lambda s: " ".join(s.split()).casefold())
        kws = [self.keyword_variant(k) for k in kws]
        if rng.random() < 0.85:
            lines.append("keywords: [" + ", ".join(ys(k, flow=True) for k in kws) + "]")
        else:
            lines.append("keywords:")
            lines += [f"  - {ys(k)}" for k in kws]
        n_c = weighted(rng, [(0, 25), (1, 35), (2, 20), (3, 12), (4, 8)])
        if n_c:
            codes, weights = zip(*COUNTRIES)
            cs = draw_distinct(rng, list(codes), list(itertools.accumulate(weights)), n_c)
            lines.append("countries: [" + ", ".join(ys(c, flow=True) for c in cs) + "]")
        if rng.random() < 0.1:
            lines += ["translations:", "  ru:",
                      f"    title: {ys(self.cyr_paragraph(rng.randint(6, 12))[:-1])}",
                      "    abstract: |"]
            lines += wrap(self.cyr_paragraph(rng.randint(100, 200)), 76, "      ")
            rk = draw_distinct(rng, self.cyr_keywords, self.cyr_kw_cum, rng.randint(3, 7))
            lines.append("    keywords: [" + ", ".join(ys(k, flow=True) for k in rk) + "]")
        has_body = rng.random() < 1 / 3
        body = ""
        if has_body:
            lines.append("references:")
            refs = sorted(self.reference(year) for _ in range(rng.randint(10, 40)))
            lines += [f"  - {ys(r)}" for r in refs]
            body = self.body()
        lines.append("---")
        text = "\n".join(lines) + "\n" + ("\n" + body if body else "")
        return slugify(title), text, has_body

    # -- the whole tree

    def plan_issues(self) -> list[tuple[int, int, int]]:
        """(year, number, article count), oldest first."""
        rng, left, out = self.rng, self.n_articles, []
        year, number = NEWEST_YEAR, ISSUES_PER_YEAR
        while left > 0:
            n = min(left, rng.randint(15, 25))
            out.append((year, number, n))
            left -= n
            number -= 1
            if number == 0:
                year, number = year - 1, ISSUES_PER_YEAR
        return out[::-1]

    def files(self):
        """Yield (relative path, text) for every file of the site, in a fixed order."""
        rng = self.rng
        yield "journal.yaml", "\n".join([
            "title: Bench Review of Eurasian Studies",
            "base_url: https://example.org/bench/",
            "language: en",
            "publisher: Quire Benchmark Press",
            f"issn_print: {issn_check('2999001')}",
            f"issn_online: {issn_check('2999002')}",
            'doi_prefix: "10.99999"',
            "license: CC-BY-4.0",
            "theme: default",
            "per_page: 50",
        ]) + "\n"
        about = ["---", "title: About the journal", "---", "",
                 "The *Bench Review of Eurasian Studies* is a synthetic journal written by "
                 "quire's benchmark generator. Nothing in it is real.", ""]
        for _ in range(4):
            about += [self.paragraph(rng.randint(80, 160)), ""]
        yield "content/pages/about.md", "\n".join(about)
        issues = self.plan_issues()
        first_year = issues[0][0]
        self.stats = {"issues": len(issues), "bodies": 0, "years": (first_year, NEWEST_YEAR)}
        for whole, (year, number, count) in enumerate(issues, 1):
            published = dt.date(year, 2 * number, rng.randint(10, 28))
            issue = [f"year: {year}", f"number: {number}", f"whole_number: {whole}",
                     f"volume: {year - first_year + 1}"]
            if rng.random() < 0.1:
                issue.append(f"title: {ys('Special Issue: ' + self.phrase() + ' in ' + rng.choice(PLACES))}")
            issue.append(f"published: {published.isoformat()}")
            base = f"content/{year}/{number}"
            yield f"{base}/_issue.yaml", "\n".join(issue) + "\n"
            # sections grouped in pool order, pages increasing through the issue
            order = {name: i for i, (name, _) in enumerate(SECTIONS)}
            secs = sorted((weighted(rng, SECTIONS) for _ in range(count)), key=order.__getitem__)
            page, slugs = rng.randint(3, 12), set()
            for idx, sec in enumerate(secs, 1):
                length = 1 if sec == "Reviews" and rng.random() < 0.3 else rng.randint(6, 30)
                first, last = page, page + length - 1
                page = last + 1 + (1 if rng.random() < 0.2 else 0)
                slug, text, has_body = self.article(year, number, idx, first, last, sec, published)
                s, i = slug, 2
                while s in slugs:
                    s, i = f"{slug}-{i}", i + 1
                slugs.add(s)
                self.stats["bodies"] += has_body
                yield f"{base}/{s}.md", text


# ---------------------------------------------------------------- the folder


def clear_previous(out: Path) -> None:
    """Delete exactly the files the marker lists, then the folders they leave empty."""
    marker = out / MARKER
    if not marker.is_file():
        sys.exit(f"generate.py: {out} is not empty and holds no {MARKER} marker; "
                 "refusing to delete anything there")
    root = out.resolve()
    dirs = set()
    for line in marker.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        rel = Path(line)
        if rel.is_absolute() or ".." in rel.parts:
            sys.exit(f"generate.py: refusing a suspicious path in {marker}: {line!r}")
        p = out / rel
        if p.is_symlink() or not p.exists():
            continue  # never follow or remove links; skip what is already gone
        if p.is_file() and p.resolve().is_relative_to(root):
            p.unlink()
        for parent in rel.parents:
            if parent != Path("."):
                dirs.add(parent)
    for d in sorted(dirs, key=lambda d: len(d.parts), reverse=True):
        try:
            (out / d).rmdir()
        except OSError:
            pass  # not empty: something not ours is in it
    marker.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder to write the site into (must be empty or missing)")
    ap.add_argument("--articles", type=int, default=10_000, help="number of articles (default 10000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--force", action="store_true",
                    help="replace a site this script wrote before (only its own files are deleted)")
    args = ap.parse_args()
    if args.articles < 1:
        ap.error("--articles must be at least 1")
    out: Path = args.out
    if out.exists() and not out.is_dir():
        sys.exit(f"generate.py: {out} exists and is not a folder")
    if out.exists() and any(out.iterdir()):
        if not args.force:
            sys.exit(f"generate.py: {out} is not empty; use --force to replace a site this script wrote")
        clear_previous(out)
    out.mkdir(parents=True, exist_ok=True)

    gen = Generator(args.seed, args.articles)
    total = 0
    made_dirs: set[Path] = set()
    with open(out / MARKER, "w", encoding="utf-8", newline="\n") as marker:
        marker.write(f"# written by quire's bench/generate.py --articles {args.articles} "
                     f"--seed {args.seed}\n# --force deletes exactly the files listed below\n")
        for rel, text in gen.files():
            marker.write(rel + "\n")
            p = out / rel
            if p.parent not in made_dirs:
                p.parent.mkdir(parents=True, exist_ok=True)
                made_dirs.add(p.parent)
            data = text.encode("utf-8")
            p.write_bytes(data)
            total += len(data)
    s = gen.stats
    print(f"{args.articles} articles, {s['issues']} issues ({s['years'][0]}-{s['years'][1]}), "
          f"{total} bytes ({total / 1e6:.1f} MB), {s['bodies']} articles with bodies -> {out}")


if __name__ == "__main__":
    main()
