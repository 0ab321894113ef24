"""The demo corpus of vbpl, installed as ``vbpl.corpora`` (see ``README.md`` here).

``demo/`` holds documents written for this project in the forms of real Vietnamese Party and
state documents; :func:`vbpl.corpus.store.demo_path` finds it both in an installed package
and in a source checkout.
"""
