"""INPUT rules: problems with the files of a case, found while loading and validating them.

They have codes and documentation like every rule, so they can be selected, ignored, waived,
explained and reported in SARIF; they are not computed on frames.
"""

from audit.rules.registry import input_rule

input_rule("INPUT001", "input.unreadable-file", "error", """A file of the case cannot be read.

    The file is binary, is not UTF-8 (the message names the byte and its offset), or is not valid
    YAML (the message names the line). Nothing from it is audited; the rest of the case is.

    *Anti-pattern*: an article saved as UTF-16 or a claim file with a tab-indented line.

    *Best practice*: save articles and claim files as UTF-8 text.
    """)
input_rule("INPUT002", "input.claim-file-invalid", "error", """A claim file does not follow the claim-file schema.

    The message names the claim, the key and what the schema (``schemas/claim-file.schema.json``)
    expects. Point your editor's YAML language server at that schema to see these as you type.

    *Anti-pattern*: ``start: twelve`` or a claim without ``measure``.

    *Best practice*: ``start: 12``; every claim has id, text, start, end, measure and a value.
    """)
input_rule("INPUT003", "input.unknown-place", "error", """A place is not in the gazetteer.

    Places are ISO 3166 codes or names the gazetteer knows (pycountry plus the alias table);
    the message suggests the closest known name. Add local spellings under ``places:`` in case.yaml.

    *Anti-pattern*: ``place: [Kratiee]``.

    *Best practice*: ``place: [Kratie]`` or ``place: [KH-10]``.
    """)
input_rule("INPUT004", "input.unknown-group", "error", """A group is not a known nationality or sex.

    Groups are ISO 3166-1 alpha-2 codes, demonyms ("Indonesians") or female/male/child/adult.

    *Anti-pattern*: ``group: [Indonesain]``.

    *Best practice*: ``group: [ID]`` or ``group: [Indonesians, female]``.
    """)
input_rule("INPUT005", "input.unknown-measure", "error", """A measure is not in the vocabulary.

    ``audit measures`` lists the vocabulary (detained, deaths, missing, ...); the message
    suggests the closest.

    *Anti-pattern*: ``measure: arrested``.

    *Best practice*: ``measure: detained``.
    """)
input_rule("INPUT006", "input.schema-violation", "error", """A claim breaks the claims frame's contract.

    Checked with the Pandera schema ``ClaimsModel`` (published in ``schemas/claims.yaml``): a
    negative count, low above high, end before start, a place that is not an ISO code. Every
    failing claim is reported; the others are audited.

    *Anti-pattern*: ``low: 500, high: 200``.

    *Best practice*: ``low: 200, high: 500``.
    """)
input_rule("INPUT007", "input.dangling-reference", "error", """A claim points at a claim that does not exist.

    ``part_of``, ``ratio_of`` and ``describes`` name the id of another claim of the same case.

    *Anti-pattern*: ``part_of: abc-totl``.

    *Best practice*: ``part_of: abc-total``.
    """)
input_rule("INPUT008", "input.duplicate-id", "error", """Two claims of one case share an id.

    Ids are how claims point at each other and how baselines recognise findings.

    *Anti-pattern*: two claims with ``id: total``.

    *Best practice*: prefix ids with the source: ``abc-total``, ``ap-total``.
    """)
input_rule("INPUT009", "input.missing-publication-date", "warning", """An article has no publication date.

    Periods such as "between Monday and Wednesday" and cumulative totals are read against the
    publication date. Raw page text often carries none.

    *Anti-pattern*: a ``.txt`` page with no date and no entry under ``sources:`` in case.yaml.

    *Best practice*: ``sources: {abc-story: {published: 2025-07-17}}`` in case.yaml.
    """)
input_rule("INPUT010", "input.empty-case", "warning", """A case has neither articles nor claims.

    Nothing was audited: add articles under ``articles/`` (claims are extracted from them) or
    claim files under ``claims/``.

    *Anti-pattern*: a case folder holding only case.yaml.

    *Best practice*: ``articles/`` with at least one story.
    """)
input_rule("INPUT011", "input.extraction-failed", "error", """Claims could not be extracted from an article.

    The article has no claim file, so the auditor reads its figures itself, and that reading
    failed (the message names the error). Nothing from the article is audited; the rest of the
    case is.

    *Anti-pattern*: relying on on-the-fly extraction for a page the extractor cannot read.

    *Best practice*: run ``audit extract --case CASE`` and review ``claims/<source>.yaml``.
    """)
input_rule("INPUT012", "input.front-matter", "warning", """A Markdown article's front matter is missing or holds a date that cannot be read.

    The front matter (a ``---`` block at the top of an ``.md`` file) gives the story's title,
    outlet, url and publication date. Without it the file's first line is body text, not the
    headline, and the outlet and date are unknown; a date that is not ``YYYY-MM-DD`` is ignored.

    *Anti-pattern*: an ``.md`` file that starts with the story, or ``published: 17/07/2025``.

    *Best practice*: ``---`` / ``title: ...`` / ``outlet: ...`` / ``url: ...`` / ``published: 2025-07-17`` / ``---``.
    """)

input_rule("INPUT013", "input.claims-out-of-date", "warning", """An article changed after its claim file was written: its claims may be out of date.

    ``audit extract --case`` stores in each claim file the hash of the article text its claims were
    read from (``# article: ...``). When the article is edited later, the claims may no longer
    match it: figures added to the story are not audited, changed ones are audited as they were.

    *Anti-pattern*: editing ``articles/a.md`` and auditing with the claim file written before.

    *Best practice*: run ``audit extract --case CASE``: unreviewed files are refreshed, reviewed ones
    get the new figures merged in for review, and the hash is brought up to date.
    """)
