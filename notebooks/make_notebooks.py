"""Write the two notebooks (without outputs) from the cells below: ``python make_notebooks.py``.

The notebooks are the source of truth once written; this script only keeps their cells
readable in a diff. CI executes them (``tests/test_notebooks.py``).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

FIND_SEED = '''from pathlib import Path

def find_seed():
    """The seed guidance in ../shared when this checkout has it (optional)."""
    for base in [Path.cwd(), *Path.cwd().parents][:4]:
        p = base / "shared" / "seed" / "128-HD-BTGTW.txt"
        if p.is_file():
            return p
    return None

seed = find_seed()
print("seed:", seed)'''

QUICKSTART = [
    new_markdown_cell(
        "# vbpl quick start\n\n"
        "Parse a Vietnamese Party or state document, read its outline and the documents it "
        "cites, then build a corpus and search it. Everything here runs on the demo corpus "
        "shipped with vbpl (`vbpl.corpora`, written for the project; see `corpora/README.md`)."
    ),
    new_code_cell(
        "import vbpl\n"
        "from vbpl.corpus.store import demo_path\n\n"
        "demo = demo_path()\n"
        "doc = vbpl.parse_file(demo / 'kh-20-KH-TW-2023.txt')\n"
        "doc.key, doc.metadata.doc_type, doc.metadata.issued"
    ),
    new_markdown_cell(
        "A `Document` shows itself as a table of metadata and a foldable outline in a "
        "notebook; `document_outline` gives the same as text. Section ids are path-shaped "
        "(`hd_II__hd_1` = heading 1 under heading II)."
    ),
    new_code_cell("doc"),
    new_code_cell("from vbpl.display import document_outline\nprint(document_outline(doc))"),
    new_markdown_cell(
        "## References\n\nEach reference keeps the parts it states (number, type, date, term) "
        "and how the citing text relates to it (`implements`, `based_on`, `amends`, …)."
    ),
    new_code_cell(
        "import pandas as pd\n"
        "pd.DataFrame([\n"
        "    {'section': r.section, 'mention': r.text, 'number': r.number,\n"
        "     'date': r.date, 'relation': r.relation}\n"
        "    for r in doc.references\n"
        "])"
    ),
    new_code_cell(
        "refs = vbpl.find_references(\n"
        "    'Tiếp tục thực hiện Nghị quyết số 29-NQ/TW, ngày 04/11/2013 của Ban Chấp hành '\n"
        "    'Trung ương khóa XI và Nghị quyết số 29-NQ/TW của Ban Chấp hành Trung ương khóa XIII')\n"
        "[(r.number, r.date, r.term) for r in refs]"
    ),
    new_markdown_cell(
        "## A corpus\n\n"
        "`Corpus.demo()` parses the demo folder and resolves every reference against the "
        "documents in it. Keys are `number@year`: Party numbers restart each term, so there "
        "are two 29-NQ/TW."
    ),
    new_code_cell(FIND_SEED),
    new_code_cell(
        "from vbpl.corpus import Corpus\n\n"
        "corpus = Corpus.from_paths([demo] + ([seed] if seed else []))\n"
        "corpus"
    ),
    new_code_cell("print(corpus.keys_for('29-NQ/TW'))\ncorpus.get('29-NQ/TW@2013').metadata.title"),
    new_code_cell("corpus.cited_by('45-NQ/TW@2023')"),
    new_markdown_cell(
        "## Search\n\n"
        "`corpus.search` builds a search index on first use (whoosh, in a temporary folder; "
        "pass `engine='tantivy'` for the fast engine) and keeps it in step with "
        "`corpus.add`. A query that is a document number finds that document first."
    ),
    new_code_cell(
        "from vbpl.display import hits_html\n"
        "from IPython.display import HTML\n\n"
        "hits = corpus.search('trí thức', limit=5, engine='tantivy')\n"
        "assert hits, 'the demo corpus speaks of trí thức'\n"
        "HTML(hits_html(hits))"
    ),
    new_code_cell("[(h.key, h.section) for h in corpus.search('nq 45', limit=3)]"),
]

TRACING = [
    new_markdown_cell(
        "# Policy tracing: from a resolution to the tasks that implement it\n\n"
        "Which plans and guidance implement Nghị quyết 45-NQ/TW (2023, on intellectuals), "
        "which of their task items carry it out, who must act and by when — and, on the "
        "state side, which decrees detail a law and what amends, replaces or repeals what.\n\n"
        "Runs on the demo corpus; the seed guidance 128-HD/BTGTW from `../shared` joins "
        "when present."
    ),
    new_code_cell(FIND_SEED),
    new_code_cell(
        "from vbpl.corpus import Corpus\n"
        "from vbpl.corpus.store import demo_path\n\n"
        "corpus = Corpus.from_paths([demo_path()] + ([seed] if seed else []))\n"
        "len(corpus)"
    ),
    new_markdown_cell(
        "## Tasks implementing 45-NQ/TW\n\n"
        "A task implements a document it cites itself (`direct`) or that a heading above it "
        "cites (`inherited`). With `transitive=True`, tasks implementing a plan *for* the "
        "resolution count too."
    ),
    new_code_cell("tasks = corpus.tasks(implementing='45-NQ/TW')\ntasks"),
    new_code_cell(
        "transitive = corpus.tasks(implementing='45-NQ/TW@2023', transitive=True)\n"
        "print(len(tasks), 'tasks cite 45-NQ/TW;', len(transitive), 'counting plans and guidance for it')\n"
        "assert len(transitive) >= len(tasks) > 0"
    ),
    new_markdown_cell("## The chain: resolution → plans → guidance → tasks"),
    new_code_cell("chain = corpus.chain('45-NQ/TW@2023')\nprint(chain)"),
    new_code_cell("chain"),
    new_markdown_cell(
        "## The citation graph\n\n"
        "`to_networkx()` gives a MultiDiGraph whose edges are typed by `relation`. "
        "matplotlib is not a dependency of vbpl: the cell draws the graph when matplotlib "
        "is installed and prints a text summary otherwise."
    ),
    new_code_cell(
        "from collections import Counter\n"
        "import networkx as nx\n\n"
        "g = corpus.to_networkx()\n"
        "print(g.number_of_nodes(), 'documents,', g.number_of_edges(), 'typed links')\n"
        "print(Counter(r for _, _, r in g.edges(keys=True)).most_common())\n"
        "implements = g.edge_subgraph([(u, v, k) for u, v, k in g.edges(keys=True) if k == 'implements'])\n"
        "for node, n in sorted(implements.in_degree(), key=lambda x: -x[1])[:5]:\n"
        "    print(f'{node:<22} implemented by {n}')"
    ),
    new_code_cell(
        "try:\n"
        "    import matplotlib.pyplot as plt\n"
        "except ImportError:\n"
        "    plt = None\n"
        "if plt is None:\n"
        "    print('matplotlib not installed: the implements links below 45-NQ/TW as text')\n"
        "    below = nx.DiGraph(implements).reverse()\n"
        "    for line in nx.generate_network_text(below, sources=['45-NQ/TW@2023']):\n"
        "        print(line)\n"
        "else:\n"
        "    pos = nx.spring_layout(implements, seed=1)\n"
        "    nx.draw_networkx(implements, pos, node_size=300, font_size=7, arrows=True)\n"
        "    plt.axis('off')\n"
        "    plt.show()"
    ),
    new_markdown_cell("## Tables per issuer and year"),
    new_code_cell(
        "import pandas as pd\n\n"
        "docs = corpus.to_dataframe('documents')\n"
        "pd.crosstab(docs['issuer'], docs['year'])"
    ),
    new_code_cell(
        "links = corpus.to_dataframe('task_links')\n"
        "per = links.merge(docs[['key', 'issuer', 'year']], left_on='document', right_on='key')\n"
        "per[per['number'] == '45-NQ/TW'].groupby(['issuer', 'year', 'via']).size().unstack(fill_value=0)"
    ),
    new_markdown_cell(
        "## Two resolutions numbered 29-NQ/TW\n\n"
        "The date or the term (khóa) a mention states picks the document."
    ),
    new_code_cell(
        "for key in corpus.keys_for('29-NQ/TW'):\n"
        "    print(key, corpus.get(key).metadata.title[:60], '<-', list(corpus.cited_by(key)))"
    ),
    new_markdown_cell("## State documents: detail, amendment, replacement, repeal"),
    new_code_cell("print(corpus.chain('43/2019/QH14'))"),
    new_code_cell(
        "rel = corpus.to_dataframe('relations')\n"
        "rel[rel['resolved'] & rel['relation'].isin(['amends', 'replaces', 'repeals'])]"
        "[['subject', 'relation', 'object', 'document']].drop_duplicates()"
    ),
]


def write(name: str, cells: list) -> None:
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, HERE / name)


if __name__ == "__main__":
    write("quickstart.ipynb", QUICKSTART)
    write("policy_tracing.ipynb", TRACING)
