"""counts: what a number counts (kind, victims), whether it is real, and its scope.

A `Quantity` becomes a `Count` when it quantifies people (or captured towns) and a word on its
dependency path says what happened to them (`lang/en/counts.yaml`). Scope:
- `context`: populations, refugees hosted;
- `cumulative`: a running total: a "since ..." period, a period longer than a week, a date
  older than two weeks, cue words ("so far", "in total"), or displacement-like figures told
  in the perfect tense;
- `incident`: everything else; only these become event fatalities.
Negation and irrealis ("could have killed", "threatened to kill") set `negated`.

What it does not do: attach counts to events (`assemble`), reconcile figures across reports
(`link`).
"""

from __future__ import annotations

import datetime as dt
import re

from ..extract.quantities import parse_number
from .. import lang
from ..lexicon import load_yaml
from ..model import Count, DateRange, Quantity, Span


@lang.per_language
def vocab() -> dict:
    cfg = dict(load_yaml("counts.yaml"))
    lemma_kind = {}
    for kind, words in cfg["kinds"].items():
        for w in words:
            lemma_kind.setdefault(w, kind)
    noun_victim = {}
    for victims, words in cfg["victims"].items():
        for w in words:
            noun_victim.setdefault(w, victims)
    cfg["lemma_kind"] = lemma_kind
    cfg["noun_victim"] = noun_victim
    cfg["disputed_re"] = re.compile(
        r"\b(?:" + "|".join(re.escape(c) for c in cfg["disputed_cues"]) + r")\b", re.IGNORECASE)
    cfg["cumulative_re"] = re.compile(
        r"\b(" + "|".join(re.escape(c) for c in cfg["cumulative_cues"]) + r")\b", re.IGNORECASE
    )
    return cfg


LIFE_TAKERS = {"claim", "take", "cost", "lose", "end", "snuff", "sacrifice"}
GUNFIRE = {"shoot"}  # hit by gunfire: a casualty, dead or alive, unless the text says dead
ESTIMATE_QUALIFIERS = {"about", "estimated", "vague", "at_least_vague", "more_than_vague", "up_to_vague"}
ESTIMATE_RE = re.compile(r"\b(?:estimate[sd]?|estimation|roughly|approximately)\b", re.I)


def tokens_of(doc, span: Span):
    """The spaCy tokens covering a character span."""
    sp = doc.char_span(span.start, span.end, alignment_mode="expand")
    return sp


def counted_noun(doc, qspan):
    """The token a quantity counts: the noun after it ("nine civilians", "tens of thousands
    of people", "a total of 29 towns"), or the number itself ("killed 12")."""
    if _headline_toll(qspan[-1]):
        return qspan[-1]  # "five hurt": the number is the people
    i = qspan.end
    steps = 0
    while i < len(doc) and steps < 6:
        t = doc[i]
        if t.dep_ == "npadvmod" and t.head.lower_ == "old" and t.head.i > t.i:
            i = t.head.i + 1  # "two 16-year-old boys": the age is no noun of its own
            steps += 1
            continue
        if (i + 2 < len(doc) and doc[i + 1].text == "-" and not t.whitespace_ and not doc[i + 1].whitespace_
                and doc[i + 2].tag_ == "VBN"):
            i += 3  # "20 Saudi-led coalition soldiers", "five US-backed fighters": a modifier
            steps += 1
            continue
        if t.lower_ == "of" or t.pos_ in ("ADJ", "ADV", "NUM", "DET", "PUNCT") and t.text not in ".,;:!?":
            i += 1
            steps += 1
            continue
        if t.pos_ in ("NOUN", "PROPN"):
            # the head of a compound: "regime forces", "aid workers"
            while t.dep_ == "compound" and t.head.i > t.i and t.head.i - t.i <= 3:
                t = t.head
            return t
        break
    last = qspan[-1]
    if last.dep_ in ("nummod", "quantmod") and last.head.pos_ in ("NOUN", "PROPN") and last.head.i > last.i:
        return last.head
    return last


def _lemma_key(tok) -> list[str]:
    keys = [tok.lemma_.lower(), tok.lower_]
    prt = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    if prt:
        keys.insert(0, f"{tok.lemma_.lower()} {prt[0]}")
    return keys


def kind_of(noun) -> tuple[str | None, object | None]:
    """(kind, the token that says it) from the path above the counted noun."""
    cfg = vocab()
    lk = cfg["lemma_kind"]
    if _agent_of_harm(noun):
        return None, None
    tok = noun
    passed_verb = False  # the toll rule holds for the first verb above the figure only
    for _ in range(5):
        cands = [tok]
        cands += [c for c in tok.children if (c.dep_ in ("amod", "acomp", "xcomp", "oprd", "advcl", "conj")
                  or c.dep_ == "acl" and c.tag_ in ("VBN", "VBD"))  # "a girl shot to death", "people displaced"
                  and c.i > noun.i and not (c.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass", "nummod")
                                                                      for g in c.children))]  # "four hurt": its own figure
        for c in cands[1:]:
            if c.pos_ == "VERB" and _to_death(c):
                return "killed", c
        if tok.i != noun.i and tok.pos_ == "VERB" and _fatal(tok):  # "beaten to death", "shot dead"
            return "killed", tok
        if tok.i != noun.i and not passed_verb:  # "the death toll rose to 15", "put the death toll at 470000"
            cands += [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                      and c.lemma_.lower() in ("toll", "death", "casualty")]
            # "five children were among those killed", "four children were among the dead"
            for among in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "among"):
                for obj in among.children:
                    if obj.dep_ == "pobj" and (obj.lower_ in ("dead", "deceased", "victims", "casualties", "killed")
                                               or any(a.dep_ in ("acl", "relcl") and a.lemma_.lower() in ("kill", "die")
                                                      for a in obj.children)):
                        return ("injured" if obj.lower_ in ("injured", "wounded") else "killed"), obj
        if tok.i == noun.i:
            # "14 of the dead", "10 of those killed": the number's own "of" phrase
            for of in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
                for obj in of.children:
                    if obj.dep_ == "pobj" and (obj.lower_ in ("dead", "deceased") or any(
                            a.dep_ in ("acl", "relcl") and a.lemma_.lower() in ("kill", "die") for a in obj.children)):
                        return "killed", obj
                    if obj.dep_ == "pobj" and obj.lower_ in ("injured", "wounded"):
                        return "injured", obj
        for c in cands:
            if c.pos_ == "VERB" and c.i != noun.i and _then_killed(c):
                return "killed", c  # "shot and killed", "kidnapped and killed": the victim died
            if c.pos_ == "VERB" and c.lemma_.lower() in GUNFIRE and c.i != noun.i:
                # "five people were shot": hit by gunfire, dead or alive; "shot dead": killed
                dead = _fatal(c) or any(x.lower_ == "dead" and x.dep_ == "amod" for x in noun.children)
                if not dead and any(x.dep_ == "conj" and lk.get(x.lemma_.lower()) == "injured"
                                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in x.children)
                                    for x in c.children):
                    return "injured", c  # "shot and wounded", "shot and critically hurt": alive
                return ("killed" if dead else "casualties"), c
            for key in _lemma_key(c):
                kind = lk.get(key)
                if kind == "captured_territory" and c.i == noun.i:
                    kind = None
                if kind:
                    if kind == "captured_territory" and cfg["noun_victim"].get(noun.lemma_.lower()) != "territory":
                        continue
                    if kind in ("killed", "injured") and _killed_or_wounded(c):
                        return "casualties", c  # "were killed and wounded": how many died is unknown
                    if kind in ("killed",) and key in ("lose", "take") and "life" not in {x.lemma_ for x in c.subtree}:
                        continue
                    if key in ("life", "lives") and c.i == noun.i and noun.head.lemma_.lower() not in LIFE_TAKERS:
                        continue  # "claimed two lives", "lost his life"; not "I value his life"
                    return kind, c
        if tok.head.i == tok.i:
            break
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            break  # "two were killed and seven others were hospitalized": own clause, own kind
        if tok.dep_ == "relcl" and tok.i != noun.i:
            break  # "a home where the four victims were sitting": the noun above is not their fate
        passed_verb = passed_verb or (tok.i != noun.i and tok.pos_ in ("VERB", "AUX"))
        tok = tok.head
    return None, None


INTRANSITIVE_FATES = {"die", "perish", "succumb", "lose", "take", "dead", "deceased", "martyr"}


def _agent_of_harm(noun) -> bool:
    """The active subject of a verb of harm is who did it, not a victim: "a gunman killed three
    people", "the shooter wounded two" ("three people died", "soldiers lost their lives" are
    their own fate)."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.pos_ != "VERB" or verb.i == noun.i:
        return False
    lemma = verb.lemma_.lower()
    if lemma in INTRANSITIVE_FATES or any(k in ("pass away", "bleed out") for k in _lemma_key(verb)):
        return False
    # with an object of its own ("killed three people", "shot and killed his wife"): "three
    # were killed and 40 injured" is a passive the parser may read as "40 injured [something]"
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if not any(c.dep_ == "dobj" and c.lower_ not in REFLEXIVES for v in verbs for c in v.children):
        return False  # "shot himself" harms no one else
    return vocab()["lemma_kind"].get(lemma) in ("killed", "injured", "abducted", "arrested") or lemma in GUNFIRE


def _to_death(verb) -> bool:
    """"beaten to death", "shot to death", "burned to death"."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lemma_ == "death" for g in c.children)
               for c in verb.children)


def _fatal(verb) -> bool:
    """"shot dead", "fatally stabbed", "beaten to death": the verb itself says the victim died."""
    if _to_death(verb):
        return True
    return any(c.lower_ in ("dead", "fatally", "mortally") and c.dep_ in ("acomp", "oprd", "advmod", "xcomp", "amod", "dep")
               for c in verb.children)


def _then_killed(verb) -> bool:
    """"shot and killed", "kidnapped and killed", "ambushed and killed": a verb coordinated with
    a kill verb that has no subject of its own tells one victim's fate, and death outranks the
    rest. Not "were killed and wounded" (a casualty figure, `_killed_or_wounded`), and not
    "two were shot and one was killed" (the second verb has its own subject)."""
    lk = vocab()["lemma_kind"]
    if lk.get(verb.lemma_.lower()) in ("killed", "injured"):
        return False
    for c in verb.children:
        if (c.dep_ == "conj" and c.pos_ == "VERB" and lk.get(c.lemma_.lower()) == "killed"
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                and not any(g.dep_ == "conj" and lk.get(g.lemma_.lower()) == "injured" for g in c.children)):
            return True
    return False


def _killed_or_wounded(verb) -> bool:
    """"were killed and wounded", "killed or injured": one figure for both, deaths unknown.
    Not "12 were killed and 5 were wounded", where the second verb has its own subject."""
    lk = vocab()["lemma_kind"]
    kind = lk.get(verb.lemma_.lower())
    other = {"killed": "injured", "injured": "killed"}.get(kind)
    if other is None:
        return False
    pairs = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "ADJ")]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "ADJ"):
        pairs.append(verb.head)
    for p in pairs:
        # "killing one man and wounding six others": each verb has its own figure
        if lk.get(p.lemma_.lower()) != other:
            continue
        if p.i != verb.head.i:  # spaCy tokens are views: compare positions, not identity
            joint = not any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "nummod") for c in p.children)
        else:  # the figure hangs on the second verb: the first must share it, not have its own
            joint = not any(c.dep_ in ("nsubj", "nsubjpass", "nummod") for c in verb.children) and not any(
                c.dep_ in ("dobj", "nummod") for c in p.children)
        if joint:
            return True
    return False


def victims_of(noun) -> str | None:
    cfg = vocab()
    age = age_noun(noun)
    if age is not None:  # "a 3-year-old has died"
        return "children" if age < 18 else "civilians"
    lemma = noun.lemma_.lower()
    compound = " ".join(t.lemma_.lower() for t in noun.lefts if t.dep_ == "compound")
    for key in (f"{compound} {lemma}".strip(), lemma, noun.lower_):
        v = cfg["noun_victim"].get(key)
        if v:
            return v
    if noun.pos_ == "PROPN" or noun.tag_ == "NNPS":
        return "civilians" if noun.ent_type_ in ("NORP", "GPE") else None
    if noun.pos_ == "NUM" and noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            noun.head.head.lemma_.lower() in ("family", "household"):
        return "civilians"  # "a family of five"
    if lemma in ("dozen", "score", "hundred", "thousand", "million", "ten") and noun.dep_ in (
            "nsubj", "nsubjpass", "dobj", "attr", "conj"):
        return "unidentified"  # "Dozens were injured", "killing scores"
    if noun.pos_ == "NUM" and noun.dep_ == "pobj" and noun.head.lower_ in ("of", "at") and \
            noun.head.head.lemma_.lower() in ("toll", "death"):
        return "unidentified"  # "a toll of 20", "placed the death toll at 12"
    if noun.pos_ == "NUM" and _headline_toll(noun):
        return "unidentified"  # "3 killed in blast", "3 dead as rockets hit market", "four hurt"
    if noun.pos_ == "NUM":
        if noun.dep_ == "attr" and noun.head.lemma_ == "be" and any(
                c.dep_ == "nsubj" and (c.pos_ == "PROPN" or c.tag_ == "PRP") for c in noun.head.children):
            return None  # "Chisler was 16 when ...", "he is 22": an age
        # "killed 12", "the toll rose to 15": the number itself is what is counted; a bare
        # number elsewhere is an age, a unit or a route ("Nur, 32,", "UC 86")
        if noun.dep_ in ("dobj", "nsubjpass", "nsubj", "attr") or (
                noun.dep_ == "pobj" and noun.head.lower_ in ("to", "at")):
            return "unidentified"
    return None


def _headline_toll(num) -> bool:
    """Headline grammar drops the noun and the auxiliary: a bare number with a word of harm
    right after it ("3 killed in blast", "3 dead as rockets hit market", "2 dead, four hurt")
    counts people."""
    lk = vocab()["lemma_kind"]
    nxt = num.doc[num.i + 1] if num.i + 1 < len(num.doc) else None
    if nxt is None or nxt.pos_ not in ("VERB", "ADJ", "NOUN") or lk.get(nxt.lemma_.lower()) not in (
            "killed", "injured", "casualties", "missing", "abducted"):
        return False
    return num.head.i == nxt.i or (nxt.head.i == num.i and nxt.dep_ in ("acl", "amod"))


def age_noun(tok) -> int | None:
    """The age of a person told by age alone ("a 3-year-old has died", "the 16-year-old was
    shot"): the parser makes "old" the head of the phrase; None when `tok` is not that."""
    if tok.lower_ != "old" or any(c.dep_ in ("amod", "compound") and c.pos_ == "NOUN" for c in tok.children) \
            or tok.dep_ in ("amod", "acomp", "attr"):
        return None
    for unit in (c for c in tok.children if c.dep_ == "npadvmod" and c.lemma_.lower() in ("year", "month", "week", "day")):
        num = next((n for n in unit.children if n.dep_ == "nummod" and n.like_num), None)
        if num is not None:
            value = parse_number(num.text)
            if value is None:
                return None
            return int(value) if unit.lemma_.lower() == "year" else 0
    return None


FACT_MARKS = {"after", "since", "because", "following"}


def irrealis(token) -> bool:
    """True under negation, modality or verbs of threat, intent and fear."""
    cfg = vocab()
    heads = set(cfg["irrealis_heads"])
    tok = token
    for _ in range(4):
        for c in tok.children:
            if c.dep_ == "neg":
                return True
            if c.dep_ == "aux" and c.lower_ in heads:
                return True
        if tok.lemma_.lower() in heads and tok.i != token.i and tok.pos_ in ("VERB", "AUX") and not (
                tok.lemma_.lower() == "call" and not any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in tok.children)):
            return True  # not the month May; "called for", not "called 911 to report"
        if tok.dep_ in ("xcomp",) and tok.head.lemma_.lower() in heads:
            return True
        if tok.head.i == tok.i or tok.dep_ in ("relcl", "acl"):
            # "could not identify the shooter who killed one person", "escaped from a home where
            # three people were killed": a relative clause tells a fact of its own
            break
        if (tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in FACT_MARKS for c in tok.children)) or (
                tok.dep_ == "pcomp" and tok.head.lower_ in FACT_MARKS):
            # "vowed an investigation after seven people were murdered", "will advance after
            # seizing the town": what came before is a fact, whatever is said of what follows
            break
        tok = tok.head
    return False


def perfect(verb) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children)


def governing_date(token, dates: list[DateRange], doc, own_clauses: bool = False) -> DateRange | None:
    """The date expression that governs a token: attached to it or to a verb above it,
    else any date in its sentence (with `own_clauses`, not one told in a clause that modifies
    something else: an event's date, where a figure's may well sit in the relative clause
    about its victims: "the man who was shot on Friday")."""
    if not dates:
        return None
    by_token = []
    for d in dates:
        sp = doc.char_span(d.span.start, d.span.end, alignment_mode="expand")
        if sp is not None:
            by_token.append((d, sp))
    tok = token
    seen = 0
    while seen < 5:
        sub = {t.i for t in tok.subtree}
        local = []
        for d, sp in by_token:
            root = sp.root
            if root.i in sub:
                # attached to this token's clause, not through another verb below it
                hop, ok = root, True
                while hop.i != tok.i:
                    hop = hop.head
                    if hop.pos_ in ("VERB", "AUX") and hop.i != tok.i:
                        ok = False
                        break
                    if hop.head is hop:
                        break
                if ok:
                    local.append(d)
        usable = [d for d in local if d.type != "set"]
        if usable:
            return min(usable, key=lambda d: abs(d.span.start - token.idx))
        if tok.head.i == tok.i:
            break
        tok = tok.head
        seen += 1
    sent = token.sent
    # a date elsewhere in the sentence; a stretch of time tied to nothing ("as weeks of unrest
    # continued") tells nothing of this token's time
    same = [d for d in dates if sent.start_char <= d.span.start < sent.end_char and d.type != "set"
            and not (d.type == "duration" and d.start is None)
            and not (own_clauses and _in_other_clause(d, token, doc))]
    if same:
        return min(same, key=lambda d: abs(d.span.start - token.idx))
    return None


def _in_other_clause(date: DateRange, token, doc) -> bool:
    """Is the date told in a clause that does not hold the token: a relative or participle
    clause of something else ("the town, seized by the group two months ago")?"""
    sp = doc.char_span(date.span.start, date.span.end, alignment_mode="expand")
    if sp is None:
        return False
    above = {t.i for t in token.ancestors} | {token.i}
    tok = sp.root
    while tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl") and tok.pos_ in ("VERB", "AUX") and tok.i not in above:
            return True
        tok = tok.head
    return False


def vague_past(date: DateRange) -> bool:
    """A stretch of the past with no start ("over the past couple of years", "in recent
    years"): it still governs a figure, and makes it a running total."""
    return (date.start is None and date.end is not None and date.type == "date"
            and date.precision in ("month", "year"))


def scope_of(kind: str, quantity: Quantity, date: DateRange | None, sentence_text: str,
             verb, published: dt.date) -> tuple[str, str, DateRange | None]:
    """(scope, reason, period) of a figure."""
    cfg = vocab()
    if kind in ("population", "refugees"):
        return "context", f"{kind} figure", None
    period = None
    if date is not None and date.start is not None:
        end = date.end or published
        if date.open_start or date.type == "duration" or date.end and date.end < published - dt.timedelta(days=cfg["background_days"]):
            period = DateRange(date.start, published if date.open_start else end, date.precision, date.type, date.span, date.open_start)
        if end < published - dt.timedelta(days=cfg["background_days"]):
            if not date.open_start and date.type == "date" and (end - date.start).days <= cfg["max_incident_days"]:
                # one past event ("the Houla massacre on May 25 2012 killed 108"): history
                return "context", f"one event dated {date.span.text!r}, long before publication", period
            p = DateRange(date.start, published, date.precision, "date", date.span, True)
            return "cumulative", f"dated {date.span.text!r}, long before publication", p
        # a period running to now ("since Thursday") from its start; a closed one ("last
        # week", "on Monday") by its own length
        length = (published - date.start).days if date.open_start or date.end is None else (end - date.start).days
        if length > cfg["max_incident_days"]:
            return "cumulative", f"period {date.span.text!r} longer than a week", period
        if date.open_start and kind in cfg["claim_only_kinds"]:
            return "cumulative", f"running figure since {date.start}", period
    if date is not None and vague_past(date):
        # "has claimed two lives over the past couple of years", "in recent years"
        return "cumulative", f"over a stretch of the past with no start ({date.span.text!r})", period
    m = next((m for m in cfg["cumulative_re"].finditer(sentence_text) if _cumulative_cue(m, verb, date)), None)
    if m and not (date is not None and date.open_start):
        return "cumulative", f"cue {m.group(0)!r}", period
    if kind in cfg["claim_only_kinds"]:
        if verb is not None and perfect(verb):
            return "cumulative", "displacement told in the perfect tense", period
        return "context", f"{kind} figure", period
    if date is None and verb is not None and perfect(verb) and (quantity.value or 0) >= 1000:
        return "cumulative", "large undated figure in the perfect tense", period
    return "incident", "", period


ADVERBIAL_SINCE = re.compile(r"\b(?:has|have|had|was|were|is|are|having)\s+$", re.IGNORECASE)
SUMMING_CUES = {"in total", "in all", "altogether", "overall"}
TIME_UNITS = {"week", "month", "year", "decade"}


def _told_apart(verb) -> str | None:
    """"occurred eight months after a bystander was killed", "two years before he was shot":
    a clause set weeks or more before or after the event told is another event. Returns the
    distance ("eight months after") or None."""
    tok = verb
    for _ in range(3):
        marks = [c for c in tok.children if c.dep_ in ("mark", "prep") and c.lower_ in ("after", "before")]
        if marks:
            units = [c for c in list(tok.children) + list(marks[0].children)
                     if c.dep_ == "npadvmod" and c.lemma_.lower() in TIME_UNITS]
            if units:
                u = units[0]
                first = min([u.i] + [c.i for c in u.children if c.dep_ in ("nummod", "amod", "det")])
                return f"{u.doc[first:u.i + 1].text} {marks[0].lower_}"
        if tok.dep_ not in ("conj", "xcomp") or tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def _cumulative_cue(m: re.Match, verb, date: DateRange | None) -> bool:
    """Does a cue word make a figure a running total? Not the adverb "since" ("two have since
    been pronounced dead", "he has since died": later news of the same event), and not a summing
    word over a figure told in the simple past with no period ("In total, two people were
    killed, including the suspect": this event's total); "in all, 300 have died since March" is."""
    cue = m.group(0).lower()
    before = m.string[:m.start()]
    if cue == "since" and ADVERBIAL_SINCE.search(before):
        return False
    if cue in SUMMING_CUES and verb is not None and not perfect(verb) and date is None:
        return False
    return True


DEATH_NOUNS = {"murder", "killing", "death", "slaying", "homicide", "assassination", "execution"}


def _death_of(tok) -> bool:
    """"the murder of Grant Watkins", "the shooting death of a 2-year-old boy", "the fatal
    shooting of 20-year-old Tyrell Hall": the person a death noun is of."""
    of = tok.head
    if tok.dep_ != "pobj" or of.lower_ != "of" or of.i == tok.i:
        return False
    noun = of.head
    lemma = noun.lemma_.lower()
    return lemma in DEATH_NOUNS or lemma in ("shooting", "stabbing", "beating") and any(
        c.dep_ in ("amod", "compound") and c.lower_ in ("fatal", "deadly") for c in noun.children)


def _direct_kind(tok) -> str | None:
    """What happened to a person told as the subject of the verb right above it: "X died",
    "X was killed", "X was fatally shot", "X is dead", "X was pronounced dead". An active
    killing verb ("X killed his wife") makes X the attacker, not a victim."""
    lk = vocab()["lemma_kind"]
    verb = tok.head
    if verb.i == tok.i:
        return None
    if tok.dep_ in ("appos", "conj") and verb.pos_ in ("NOUN", "PROPN"):
        # "killed a neighbor, 55-year-old Bettie Jones"; "Stephens, 32, and Paul Rayer were killed"
        return _direct_kind(verb)
    if _death_of(tok):
        return "killed"  # "the murder of Grant Watkins", "the shooting death of Goldie Long"
    if tok.dep_ == "dobj":  # "killing Jeremy Mardis", "fatally shot his wife", "left X dead"
        lemma = verb.lemma_.lower()
        fatal = any(c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally") for c in verb.children)
        if fatal and lemma in ("shoot", "stab", "wound", "injure", "strike", "hit"):
            return "killed"
        if lk.get(lemma) == "killed" and lemma not in ("lose", "take", "die", "perish"):
            return "killed"
        for c in verb.children:
            if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") and c.lower_ in ("dead", "injured", "wounded") and c.i > tok.i:
                return "killed" if c.lower_ == "dead" else "injured"
        return None
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    heads = [verb] + [c for c in verb.children if c.dep_ == "conj" and not any(
        g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    for v in heads:
        lemma = v.lemma_.lower()
        kind = lk.get(lemma)
        fatal = any(c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally") for c in v.children)
        if lemma in ("shoot", "stab", "wound", "injure", "hurt", "strike", "hit") and fatal and tok.dep_ == "nsubjpass":
            return "killed"
        if kind == "killed" and lemma in ("die", "perish") or tok.dep_ == "nsubjpass" and _to_death(v):
            return "killed"
        if any(k in ("pass away", "bleed out") for k in _lemma_key(v)):
            return "killed"  # "she passed away at the hospital"
        if kind in ("killed", "injured") and lemma not in ("die", "perish") and tok.dep_ == "nsubjpass":
            if lemma in ("lose", "take", "toll", "death", "life"):
                continue
            return "casualties" if _killed_or_wounded(v) else kind
        if lemma == "succumb" or lemma in ("suffer", "sustain") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in ("wound", "injury") for c in v.children):
            fatal = any(a.lower_ in ("fatal", "mortal") for c in v.children if c.dep_ == "dobj" for a in c.subtree)
            return "killed" if lemma == "succumb" or fatal else "injured"
        # "is dead", "was pronounced dead", "was found dead", "was critically injured"
        for c in v.children:
            if c.dep_ in ("acomp", "oprd") and c.lower_ in ("dead", "injured", "wounded", "hurt"):
                return "killed" if c.lower_ == "dead" else "injured"
    return None


REFLEXIVES = {"himself", "herself", "themselves"}
AGE_AFTER = re.compile(r"\s*-?\s*(?:years?|months?|weeks?|days?)\s*-?\s*old\b", re.IGNORECASE)


def _person_kind(tok) -> str | None:
    """`_direct_kind` of a person, or of the relative clause about them ("Smith, who was
    pronounced dead at the hospital")."""
    return _direct_kind(tok) or _relative_kind(tok)


def _relative_kind(tok) -> str | None:
    """What the relative clause about a person says happened to them ("the teen who was shot
    and killed"); None without one."""
    for rel in (c for c in tok.children if c.dep_ == "relcl"):
        who = next((w for w in rel.children if w.dep_ in ("nsubj", "nsubjpass") and w.lower_ in ("who", "that")), None)
        kind = _direct_kind(who) if who is not None else None
        if kind:
            return kind
    return None


def _participle_kind(noun) -> str | None:
    """What the noun's own participle says happened to it: "a boy shot and killed on
    Friday" (killed), "a man wounded in the attack" (injured)."""
    lk = vocab()["lemma_kind"]
    for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD")):
        verbs = [acl] + [c for c in acl.children if c.dep_ == "conj" and c.tag_ in ("VBN", "VBD")]
        kinds = {"killed" if _to_death(v) else lk.get(v.lemma_.lower()) for v in verbs}
        if "killed" in kinds and "injured" in kinds:
            return "casualties"
        for k in ("killed", "injured"):
            if k in kinds:
                return k
    return None


def _life_of(tok) -> bool:
    """"claimed the life of a girl", "took the lives of two men", "cost the life of a soldier"."""
    of = tok.head
    life = of.head if of.lower_ == "of" else None
    return bool(life is not None and life.lemma_.lower() == "life" and life.dep_ == "dobj"
                and life.head.lemma_.lower() in ("claim", "take", "cost", "end"))


def _relative_agent(noun) -> bool:
    """"The man who police believe shot and killed five people is dead": a person whose own
    relative clause makes him the author of the harm is the attacker."""
    for rel in (c for c in noun.children if c.dep_ == "relcl"):
        if any(t.lower_ in ("who", "that") and _agent_of_harm(t) for t in rel.subtree):
            return True
    return False


def _after_its_attack(pronoun) -> bool:
    """"A gunman killed three people before he was shot dead": a subject pronoun in a clause
    after one told as the attacker in the same sentence is that attacker."""
    return pronoun.lower_ in ("he", "she") and any(
        t.i < pronoun.i and t.pos_ in ("NOUN", "PROPN") and _agent_of_harm(t) for t in pronoun.sent)


def _own_life(tok) -> bool:
    """"took his own life", "ended her own life": a suicide."""
    return tok.lemma_.lower() == "life" and any(c.lower_ == "own" for c in tok.children)


def _harms_another(reflexive) -> bool:
    """"shot his wife and then killed himself": the sentence tells the killer harming someone
    else, so his own death is one more. "pulled the trigger, accidentally killing himself": the
    one victim, already told of."""
    lk = vocab()["lemma_kind"]
    for tok in reflexive.sent:
        if tok.i == reflexive.i or tok.dep_ not in ("dobj", "nsubjpass") or tok.lower_ in REFLEXIVES:
            continue
        if tok.pos_ in ("NOUN", "PROPN") and (lk.get(tok.head.lemma_.lower()) in ("killed", "injured")
                                              or tok.head.lemma_.lower() in GUNFIRE):
            return True
    return False


def singular_quantities(doc, quantities: list[Quantity]) -> list[Quantity]:
    """One person as the patient of a killing, wounding or abduction told with "a/an"
    ("a police constable was gunned down", "killed a militant"): Quantity 1, span "a ... noun".
    Also one person told with "the" or by name as the subject of the verb that says what
    happened ("the boy died", "Kody Zawalski, 20, was killed", "Smith was pronounced dead"):
    those are Quantity 1 with qualifier "definite" or "named", keyed so that the same person
    mentioned twice counts once (see `model.total_of`)."""
    cfg = vocab()
    # an age ("a 90-year-old man") is no figure of its own: the person told with "a" still counts
    taken = [(q.span.start, q.span.end) for q in quantities if not AGE_AFTER.match(doc.text, q.span.end)]
    person_words = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e if t.tag_ == "NNP"}
    out = []
    lk = vocab()["lemma_kind"]
    for tok in doc:
        if tok.lower_ in REFLEXIVES and tok.dep_ == "dobj" and lk.get(tok.head.lemma_.lower()) == "killed" \
                and tok.head.lemma_.lower() not in ("lose", "take", "die", "perish"):
            # "shot his wife and then killed himself": the killer's death counts too
            start, end = tok.idx, tok.idx + len(tok.text)
            if not any(s < end and start < e for s, e in taken):
                out.append(Quantity(1, 1, 1, "reflexive", Span(start, end, tok.text)))
                taken.append((start, end))
            continue
        if tok.lower_ in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass") or \
                tok.lower_ in ("him", "her") and tok.dep_ == "dobj" and tok.tag_ == "PRP":
            # "He was taken to the hospital, where he later died", "opened fire, killing her": a
            # person already told of; all such mentions are one person (see `model.total_of`)
            kind = _direct_kind(tok)
            start, end = tok.idx, tok.idx + len(tok.text)
            if kind in ("killed", "injured") and not any(s < end and start < e for s, e in taken):
                out.append(Quantity(1, 1, 1, "pronoun", Span(start, end, tok.text)))
                taken.append((start, end))
            continue
        if tok.dep_ not in ("nsubjpass", "dobj", "nsubj", "appos", "conj", "pobj", "npadvmod"):
            continue
        aged = tok.tag_ == "NNP" and any(c.dep_ == "appos" and c.like_num for c in tok.children)  # "Elliseo Cantu, 16,"
        if tok.tag_ == "NNP" and (tok.ent_type_ == "PERSON" or tok.text in person_words or aged):
            kind = _person_kind(tok)
            if kind not in ("killed", "injured"):
                continue
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None and (len(ent) > 5 or ent.label_ != "PERSON" and not (
                    len(ent) == 1 and tok.text in person_words) and not (aged and ent.label_ not in ("GPE", "LOC", "FAC"))):
                continue
            if ent is None and aged:  # the tagger saw no name: the capitalised words ending here
                first = tok.i
                while first > 0 and doc[first - 1].tag_ == "NNP" and doc[first - 1].dep_ == "compound":
                    first -= 1
                ent = doc[first:tok.i + 1]
            # "Braison was pronounced dead": a name the tagger missed here but saw elsewhere
            start, end = (ent.start_char, ent.end_char) if ent is not None else (tok.idx, tok.idx + len(tok.text))
            if any(s < end and start < e for s, e in taken):
                continue
            out.append(Quantity(1, 1, 1, "named", Span(start, end, doc.text[start:end])))
            taken.append((start, end))
            continue
        if (tok.tag_ not in ("NN",) and age_noun(tok) is None) or tok.dep_ not in (
                "nsubjpass", "dobj", "nsubj", "pobj", "conj"):
            continue
        if tok.dep_ == "conj" and not any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("a", "an")
                                          for c in tok.children):
            continue  # only "... and their mother", "a nurse, a hospital employee and two soldiers"
        det = [c for c in tok.children if c.dep_ == "det" and c.lower_ in ("a", "an", "one", "the", "that")
               or c.dep_ == "poss" and c.lower_ in ("his", "her", "their", "its")]
        if not det or victims_of(tok) in (None, "territory"):
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in ("including", "among") and det[0].lower_ in ("a", "an"):
            # "five civilians including a child and a woman were killed": a sub-group of one
            kind = kind_of(tok)[0]
            qualifier = "singular"
        elif tok.dep_ == "pobj" and _life_of(tok):
            kind = "killed"  # "a stray bullet claimed the life of a three-year-old girl"
            qualifier = "singular" if det[0].lower_ != "the" else "definite"
        elif tok.dep_ == "pobj":
            # "friends of a 16-year-old boy shot and killed on Friday", "the name of the teen who
            # was killed": only the noun's own participle or relative clause says what happened
            # to it, never a verb further up
            kind = (_participle_kind(tok) if det[0].lower_ != "the" else None) or _relative_kind(tok) or (
                "killed" if _death_of(tok) else None)
            if kind is None:
                continue
            qualifier = "singular"
        elif det[0].lower_ in ("the", "that"):
            # "the boy died"; "identified the 2-year-old killed on Saturday": its own participle
            kind = _direct_kind(tok) or _participle_kind(tok)
            qualifier = "definite"
        elif tok.dep_ == "conj":
            kind = kind_of(tok.head)[0] if victims_of(tok.head) not in (None, "territory") else None
            qualifier = "singular"
        else:
            kind = _person_kind(tok) or kind_of(tok)[0]
            qualifier = "singular"
        if kind not in cfg["singular_kinds"]:
            continue
        start, end = det[0].idx, tok.idx + len(tok.text)
        if any(s < end and start < e for s, e in taken):
            continue
        out.append(Quantity(1, 1, 1, qualifier, Span(start, end, doc.text[start:end])))
        taken.append((start, end))
    return out


def place_of(token, places: list, doc):
    """The place a figure is told for: a place in its sentence, the nearest in the parse tree,
    that is not a demonym ("in Idlib province", "across Syria"); None when the sentence has none."""
    sent = token.sent
    best, best_d = None, 99
    for p in places:
        if p.span is None or p.demonym or p.lat is None or not (sent.start_char <= p.span.start < sent.end_char):
            continue
        sp = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
        if sp is None:
            continue
        a = [token] + list(token.ancestors)
        idx = {t.i: n for n, t in enumerate(a)}
        d = next((idx[t.i] + n for n, t in enumerate([sp.root] + list(sp.root.ancestors)) if t.i in idx), 99)
        if d < best_d:
            best, best_d = p, d
    return best


def _war_toll(tok) -> str | None:
    """The war, conflict or campaign a figure is the toll of ("the conflict killed tens of
    thousands", "a war that has killed 20,000", "40 soldiers were killed as a result of the
    military campaign", "the toll of the war"), or None. Looks at the subject of the verbs
    above the figure, the noun a relative clause hangs from, and what the figure is "of", "in"
    or "as a result of"."""
    wars = vocab()["war_words"]
    for _ in range(4):
        near = [tok] + [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "agent", "prep")]
        near += [g for c in near if c.dep_ in ("prep", "agent") for g in c.subtree if g.dep_ == "pobj"]
        if tok.dep_ == "relcl":
            near.append(tok.head)
        for n in near:
            if n.lemma_.lower() in wars and n.pos_ in ("NOUN", "PROPN"):
                return n.lemma_.lower()
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def toll_flag(fatalities: int | None) -> str | None:
    """What an analyst should check before trusting an event: a toll above `flag_toll_above`
    (lang/en/counts.yaml) for one event, or None. The events layer and the store both use it."""
    limit = vocab()["flag_toll_above"]
    if fatalities is not None and fatalities > limit:
        return (f"implausible toll: {fatalities} dead in one event (more than {limit}): "
                f"check that it is not a war's or a period's")
    return None


def _one_day(date: DateRange | None) -> bool:
    """Does a date of a day or two (not a week, a month, a stretch) govern the figure?"""
    return (date is not None and date.start is not None and date.end is not None
            and (date.end - date.start).days <= 1)


SIZE_MODIFIER_RE = re.compile(r"-([A-Za-z]+)\b")
AGE_UNITS = {"year", "month", "week", "day"}


def _size_modifier(text: str, q: Quantity) -> bool:
    """A number joined by a hyphen to the word after it ("a 30-man group", "a five-member
    team", "a 10-vehicle convoy") tells a size, not how many were hurt. Ages ("a 3-year-old")
    are read by the person rules."""
    if q.qualifier is not None or q.span is None:
        return False
    m = SIZE_MODIFIER_RE.match(text, q.span.end)
    return m is not None and m.group(1).lower() not in AGE_UNITS


def build_counts(doc, quantities: list[Quantity], dates: list[DateRange], published: dt.date,
                 sent_index: dict[int, int], places: list | None = None) -> list[Count]:
    """Counts from the quantities of one document (plus singular victims, see above), each with
    the period and place its sentence gives it."""
    cfg = vocab()
    out = []
    quantities = sorted(quantities + singular_quantities(doc, quantities), key=lambda q: q.span.start)
    for q in quantities:
        qspan = tokens_of(doc, q.span)
        if qspan is None or len(qspan) == 0:
            continue
        if _size_modifier(doc.text, q):
            continue
        if qspan.root.pos_ == "NUM" and any(c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally")
                                           for c in qspan.root.children):
            # "four people were shot, one fatally"
            noun = qspan.root
            kind, verb, victims = "killed", noun.head, "unidentified"
        elif q.qualifier == "reflexive":
            noun = qspan.root
            kind, verb, victims = "killed", noun.head, "unidentified"
        elif q.qualifier == "pronoun":
            noun = qspan.root
            kind, verb, victims = _direct_kind(noun), noun.head, "unidentified"
        elif q.qualifier == "singular" and qspan.root.dep_ == "conj":
            noun = qspan.root
            victims = victims_of(noun)
            kind, verb = kind_of(noun.head)
            if kind is None and noun.head.dep_ == "pobj" and noun.head.head.lower_ in ("including", "among"):
                kind, verb = kind_of(noun.head.head)
        elif q.qualifier == "singular" and qspan.root.dep_ == "pobj" and qspan.root.head.lower_ in ("including", "among"):
            noun = qspan.root
            kind, verb = kind_of(noun)
            victims = victims_of(noun)
        elif q.qualifier == "singular" and qspan.root.dep_ == "pobj":
            noun = qspan.root
            if _life_of(noun):  # "claimed the life of a girl"
                kind, verb = "killed", noun.head.head.head
            else:
                kind, verb = _participle_kind(noun), noun.head
                if kind is None and _death_of(noun):
                    kind, verb = "killed", noun.head.head
                if kind is None:
                    kind = _relative_kind(noun)
                    if kind is not None:
                        verb = next(c for c in noun.children if c.dep_ == "relcl")
            victims = victims_of(noun)
        elif q.qualifier in ("named", "definite") or q.qualifier == "singular" and _person_kind(qspan.root):
            noun = qspan.root
            kind = _person_kind(noun) if q.qualifier in ("named", "singular") else _direct_kind(noun)
            verb = noun.head
            if kind is None and q.qualifier == "definite" and _life_of(noun):  # "took the life of the boy"
                kind, verb = "killed", noun.head.head.head
            elif kind is None and q.qualifier == "definite":  # "identified the boy killed on Saturday"
                kind = _participle_kind(noun)
                verb = next((c for c in noun.children if c.dep_ == "acl"), noun.head)
            victims = "unidentified" if q.qualifier == "named" else victims_of(noun)
        else:
            noun = counted_noun(doc, qspan)
            victims = victims_of(noun)
            if victims is None:
                continue
            kind, verb = kind_of(noun)
        if kind is None or victims is None:
            continue
        if victims == "territory" and kind != "captured_territory":
            continue
        neg = irrealis(verb if verb is not None else noun)
        anchor = verb if verb is not None else noun
        date = governing_date(anchor, dates, doc)
        scope, reason, period = scope_of(kind, q, date, noun.sent.text, verb, published)
        earlier = _told_apart(verb) if verb is not None and scope == "incident" else None
        if earlier:
            scope, reason = "context", f"another event, {earlier!r} apart"
        if scope == "incident" and kind in ("killed", "injured", "casualties"):
            war = _war_toll(anchor)
            if war is not None:
                scope, reason = "cumulative", f"toll of a {war}, not of one incident"
            elif not _one_day(date) and (q.value or 0) >= cfg["max_undated_incident_toll"]:
                scope, reason = "cumulative", "more than one incident with no day of its own could have"
        if kind == "population" and victims not in ("civilians", "children", "unidentified"):
            continue
        # "12 militants including 2 commanders", "five civilians, among them three children"
        subgroup = any(t.lower_ in ("including", "among", "incl") for t in doc[max(noun.sent.start, qspan.start - 3):qspan.start])
        first = noun
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "including a child and a woman": the woman is in the sub-group too
        subgroup = subgroup or (first.i != noun.i and first.dep_ == "pobj" and first.head.lower_ in ("including", "among", "incl"))
        c = Count(
            quantity=q,
            kind=kind,
            victims=victims if not subgroup else noun.lemma_.lower(),
            scope=scope,
            period=period,
            span=Span(qspan.start_char, max(noun.idx + len(noun.text), qspan.end_char),
                      doc.text[qspan.start_char:max(noun.idx + len(noun.text), qspan.end_char)]),
            negated=neg,
            sentence=sent_index.get(noun.sent.start),
            scope_reason=reason or None,
        )
        before = doc.text[noun.sent.start_char:qspan.start_char]
        alternative = before.count("(") > before.count(")")
        c.included_in_total = not subgroup and not alternative
        if alternative:
            c.scope_reason = "alternative figure in parentheses"
        if q.qualifier == "named":
            c.victim_name = q.span.text
        # "three children and two women", "three children and their mother": they add up
        c.joined = noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN") and victims_of(noun.head) not in (None, "territory")
        # the attacker's own death: "then killed himself", "took his own life" after harming
        # someone else, or "the gunman was shot dead by police"
        c.attacker = kind in ("killed", "injured") and (
            (q.qualifier == "reflexive" or _own_life(noun)) and _harms_another(noun)
            or noun.lemma_.lower() in cfg["attackers"] and not c.joined
            or q.qualifier == "pronoun" and _after_its_attack(noun)
            or _relative_agent(noun) or _agent_of_harm(noun))
        c.estimate = (q.qualifier or "") in ESTIMATE_QUALIFIERS or bool(ESTIMATE_RE.search(noun.sent.text))
        c.disputed = bool(vocab()["disputed_re"].search(noun.sent.text))
        if places:
            c.place = place_of(verb if verb is not None else noun, places, doc)
        c._noun = noun  # transient: used by assembly in this process only
        c._verb = verb
        out.append(c)
    return out



def _paren_of(text: str, pos: int, lo: int) -> tuple[int, int] | None:
    """(open, close) of the innermost parentheses around `pos`, looking back no further than
    `lo` (the sentence start), or None."""
    depth = 0
    for i in range(pos - 1, lo - 1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                close = text.find(")", pos)
                return (i, close if close >= 0 else len(text))
            depth -= 1
    return None


def source_for(text: str, sentence_start: int, count: Count, sources: list) -> object | None:
    """The source a figure is claimed by among its sentence's sources. A source inside
    parentheses speaks only for the figures in the same parentheses ("3 policemen (2 according
    to Taliban sources)"); a party to the fighting named beside another source does not make
    the figure its own."""
    if not sources or count.span is None:
        return None
    where = _paren_of(text, count.span.start, sentence_start)
    parens = [(x, _paren_of(text, x.span.start, sentence_start)) for x in sources if x.span is not None]
    fits = [x for x, p in parens if p in (None, where)]
    inside = [x for x, p in parens if where is not None and p == where]
    pool = inside or fits
    if not pool:
        return None
    return next((x for x in pool if x.kind != "party"), pool[0])


def _also(tok) -> bool:
    """"VoJ also reported 1 fatality": the figure is confirmed by a second source, not the
    party's alone."""
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") and any(c.lower_ == "also" for c in tok.children):
            return True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _party_evidence(c: Count) -> bool:
    """A party's word about people it does not fight counts as evidence, like anyone's: its
    own dead ("the group said five of its fighters were killed") and civilians or people it
    does not call enemies ("Houthi officials said 12 people were killed in the strike"). Only
    its figures of its enemies' losses ("14 soldiers", "9 fatalities" among the enemy) are
    claims. Figures of other kinds (towns taken, prisoners) stay claims."""
    if c.kind not in ("killed", "injured", "casualties"):
        return False
    cfg = vocab()
    if c.victims in ("civilians", "children") or c.victims in cfg["civilian_subgroups"]:
        return True
    noun = getattr(c, "_noun", None)
    if c.victims not in ("fighters", "unidentified") or noun is None:
        return False
    if c.claimed_by is not None and c.victim_actor == c.claimed_by.name or any(
            x.lower_ in cfg["own_side_words"] for x in noun.subtree):
        return True  # "five of its fighters"
    return c.victims == "unidentified" and noun.lemma_.lower() in cfg["party_neutral_nouns"]


def mark_partisan(doc, counts: list[Count], quantities: list[Quantity], sources_by_sentence: dict,
                  sent_index: dict[int, int], reporting_verbs: set[str]) -> None:
    """Figures claimed by a party to the fighting become partisan claims (`Count.partisan`).

    A figure is partisan when its own source is a party and it tells the losses of the party's
    enemies ("VoJ claimed 14 soldiers were killed"; see `_party_evidence` for what a party
    says that is evidence), or when a party's later restatement repeats it: "3 soldiers were killed ... (VoJ
    reported 3 fatalities)" or "(VoJ reported 3)" makes the earlier, unattributed figure the
    party's too, as does a restated total of several unattributed figures ("4 ... 3 ... VoJ
    reported 7 fatalities"). A restatement with "also" ("VoJ also reported 1 fatality") says
    another source gave the figure first: it stays. A figure with a source of its own that is
    not a party stays as it is.
    """
    # (sentence, value, restated total?, victims, "also")
    restated: list[tuple[int, float, bool, str | None, bool]] = []
    for c in counts:
        by_party = c.claimed_by is not None and c.claimed_by.kind == "party"
        c.partisan = by_party and not _party_evidence(c)
        if by_party and not c.negated and c.sentence is not None and c.quantity.value is not None:
            noun = getattr(c, "_noun", None)
            restated.append((c.sentence, c.quantity.value, c.victims in (None, "unidentified"), c.victims,
                             noun is not None and _also(noun)))
    counted = {(c.quantity.span.start if c.quantity.span else None) for c in counts}
    for q in quantities:
        if q.value is None or q.span is None or q.span.start in counted:
            continue
        qs = tokens_of(doc, q.span)
        if qs is None or len(qs) == 0:
            continue
        root = qs.root
        si = sent_index.get(root.sent.start)
        srcs = sources_by_sentence.get(si, [])
        if (root.dep_ in ("dobj", "attr", "npadvmod") and root.head.lemma_.lower() in reporting_verbs
                and any(x.kind == "party" for x in srcs)):  # "(VoJ reported 3)"
            restated.append((si, q.value, True, None, _also(root)))
    for si, value, total, victims, also in restated:
        if also:
            continue
        earlier = [c for c in counts if c.kind in ("killed", "casualties") and c.claimed_by is None
                   and not c.negated and c.included_in_total and c.sentence is not None and c.sentence <= si
                   and c.quantity.value is not None and c.scope == "incident" and not c.partisan]
        if not total:  # "VoJ said 2 militants were killed": only the same group's figure
            earlier = [c for c in earlier if c.victims == victims and c.sentence < si]
        same = [c for c in earlier if c.quantity.value == value]
        if same:
            for c in same:
                c.partisan = True
        elif total and len(earlier) > 1 and sum(c.quantity.value for c in earlier) == value:
            for c in earlier:
                c.partisan = True
