"""Reference timings and values for bench/run network, from igraph and NetworkX on the same files.

Usage: network_reference.py DIR NAME[:nx] ...  For each NAME, reads DIR/NAME-edges.csv (undirected),
times betweenness alone and all metrics with igraph (and with NetworkX when ':nx' is given), and
compares the values with Balcony's DIR/NAME-balcony.csv. Prints one JSON object per graph.
"""
import csv
import json
import math
import sys
import time

import igraph as ig
import networkx as nx


def read(path):
    with open(path) as f:
        return [(r["source"], r["target"]) for r in csv.DictReader(f)]


def diff(ours, column, reference):
    worst = 0.0
    for name, value in reference.items():
        mine = float(ours[name][column])
        if math.isnan(value) and math.isnan(mine):
            continue
        if math.isnan(value) or math.isnan(mine):
            return float("inf")
        worst = max(worst, abs(value - mine) / max(1.0, abs(value)))
    return worst


def main():
    directory = sys.argv[1]
    for spec in sys.argv[2:]:
        name, _, flag = spec.partition(":")
        edges = read(f"{directory}/{name}-edges.csv")
        with open(f"{directory}/{name}-balcony.csv") as f:
            ours = {r["id"]: r for r in csv.DictReader(f)}
        result = {"graph": name}

        g = ig.Graph.TupleList(edges, directed=False)
        g.simplify()
        names = g.vs["name"]
        t = time.perf_counter()
        bc = g.betweenness(directed=False)
        result["igraph_betweenness_ms"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        hc = g.harmonic_centrality(normalized=False)
        ev = g.eigenvector_centrality(scale=True)
        ct = g.constraint()
        g.community_multilevel()
        result["igraph_all_ms"] = (time.perf_counter() - t) * 1000 + result["igraph_betweenness_ms"]
        result["igraph_betweenness_diff"] = diff(ours, "betweenness", dict(zip(names, bc)))
        result["igraph_harmonic_diff"] = diff(ours, "harmonic", dict(zip(names, hc)))
        result["igraph_constraint_diff"] = diff(ours, "constraint", dict(zip(names, ct)))
        # igraph scales eigenvector centrality to max 1; rescale ours the same way to compare.
        top = max(float(r["eigenvector"]) for r in ours.values())
        scaled = {k: {"eigenvector": float(r["eigenvector"]) / top} for k, r in ours.items()}
        result["igraph_eigenvector_diff"] = diff(scaled, "eigenvector", dict(zip(names, ev)))

        if flag in ("nx", "nxall"):
            G = nx.Graph()
            G.add_edges_from(edges)
            t = time.perf_counter()
            nb = nx.betweenness_centrality(G, normalized=False)
            result["networkx_betweenness_ms"] = (time.perf_counter() - t) * 1000
            ref = {"betweenness": nb}
            if flag == "nxall":
                # NetworkX's constraint and effective size are O(deg^3) in Python: only on small graphs.
                t = time.perf_counter()
                ref["harmonic"] = nx.harmonic_centrality(G)
                ref["eigenvector"] = nx.eigenvector_centrality(G)
                ref["constraint"] = nx.constraint(G)
                ref["effective_size"] = nx.effective_size(G)
                nx.community.louvain_communities(G, seed=42)
                result["networkx_all_ms"] = (time.perf_counter() - t) * 1000 + result["networkx_betweenness_ms"]
            checked = "all" if flag == "nxall" else "betweenness"
            result[f"networkx_{checked}_diff"] = max(diff(ours, k, v) for k, v in ref.items())
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
