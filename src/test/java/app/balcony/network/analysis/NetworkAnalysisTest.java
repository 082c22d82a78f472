package app.balcony.network.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The analytic core on graphs small enough to check by hand.
 */
class NetworkAnalysisTest {

	static Graph graph(boolean directed, String... edges) {
		Graph.Builder builder = Graph.builder(directed);
		for (String edge : edges) {
			String[] ends = edge.split("-");
			builder.edge(ends[0], ends[1], 1);
		}
		return builder.build();
	}

	@Test
	void countsShortestPathsThroughTheMiddleOfAPath() {
		// a - b - c - d: b lies on a-c and a-d, c on a-d and b-d.
		Graph path = graph(false, "a-b", "b-c", "c-d");
		var result = BrandesBetweenness.compute(path);
		assertThat(result.betweenness()).containsExactly(0, 2, 2, 0);
		assertThat(result.harmonic()[0]).isCloseTo(1 + 1 / 2.0 + 1 / 3.0, within(1e-12));
		assertThat(result.harmonic()[1]).isCloseTo(1 + 1 + 1 / 2.0, within(1e-12));
	}

	@Test
	void givesTheSameBetweennessOnOneThreadOrMany() {
		Graph.Builder builder = Graph.builder(false);
		java.util.Random random = new java.util.Random(1);
		for (int i = 0; i < 600; i++) {
			builder.edge("v" + random.nextInt(150), "v" + random.nextInt(150), 1);
		}
		Graph g = builder.build();
		var one = BrandesBetweenness.compute(g, 0, 0, 1);
		var four = BrandesBetweenness.compute(g, 0, 0, 4);
		for (int v = 0; v < g.size(); v++) {
			assertThat(four.betweenness()[v]).isCloseTo(one.betweenness()[v], within(1e-9));
		}
		// Sampling every source is exact; sampling some gives estimates of the same size.
		var all = BrandesBetweenness.compute(g, 150, 7, 2);
		assertThat(all.betweenness()[0]).isCloseTo(one.betweenness()[0], within(1e-9));
		var half = BrandesBetweenness.compute(g, 75, 7, 2);
		double exactTotal = java.util.Arrays.stream(one.betweenness()).sum();
		double estimatedTotal = java.util.Arrays.stream(half.betweenness()).sum();
		assertThat(estimatedTotal).isCloseTo(exactTotal, within(0.2 * exactTotal));
		assertThat(java.util.Arrays.stream(half.harmonic()).sum()).isCloseTo(
				java.util.Arrays.stream(one.harmonic()).sum(),
				within(0.2 * java.util.Arrays.stream(one.harmonic()).sum()));
	}

	@Test
	void countsDirectedPathsOnlyAlongTheArrows() {
		Graph chain = graph(true, "a-b", "b-c");
		assertThat(BrandesBetweenness.compute(chain).betweenness()).containsExactly(0, 1, 0);
		// Harmonic closeness of a directed graph counts distances towards the vertex.
		assertThat(BrandesBetweenness.compute(chain).harmonic()).containsExactly(0, 1, 1.5);
		assertThat(chain.degree(1)).isEqualTo(2);
	}

	@Test
	void scoresAllVerticesOfACompleteGraphEqually() {
		Graph triangle = graph(false, "a-b", "b-c", "a-c");
		var eigen = EigenvectorCentrality.compute(triangle);
		assertThat(eigen.converged()).isTrue();
		for (double value : eigen.values()) {
			assertThat(value).isCloseTo(1 / Math.sqrt(3), within(1e-9));
		}
	}

	@Test
	void findsTheBrokerOfAStarLessConstrainedThanItsLeaves() {
		// Hub h joins three leaves that do not know each other; leaves x and y also know
		// each other.
		Graph star = graph(false, "h-a", "h-b", "h-c", "a-x", "x-y", "y-a");
		var holes = StructuralHoles.compute(star);
		int h = star.indexOf("h");
		int a = star.indexOf("a");
		// Ego h: 3 neighbours, no ties among them, so effective size 3 and constraint 3 ·
		// (1/3)² = 1/3.
		assertThat(holes.effectiveSize()[h]).isEqualTo(3.0);
		assertThat(holes.constraint()[h]).isCloseTo(1 / 3.0, within(1e-12));
		// Leaf b has one tie: fully constrained.
		assertThat(holes.constraint()[star.indexOf("b")]).isCloseTo(1.0, within(1e-12));
		assertThat(holes.effectiveSize()[a]).isCloseTo(3 - 2.0 * 1 / 3, within(1e-12));
		Graph withIsolate = Graph.builder(false).edge("p", "q", 1).build();
		assertThat(StructuralHoles.compute(withIsolate).constraint()[0]).isEqualTo(1.0);
	}

	@Test
	void classifysGouldFernandezRoles() {
		// Directed two-paths through v, groups: a,v in X; c in Y; d in Z; e in X.
		Graph g = graph(true, "a-v", "v-c", "d-v", "v-e");
		int[] groups = new int[g.size()];
		String[] names = { "a", "v", "c", "d", "e" };
		int[] group = { 0, 0, 1, 2, 0 };
		for (int i = 0; i < names.length; i++) {
			groups[g.indexOf(names[i])] = group[i];
		}
		var roles = Brokerage.compute(g, groups);
		int v = g.indexOf("v");
		// a→v→c representative (v with a, c elsewhere); a→v→e coordinator; d→v→c liaison;
		// d→v→e gatekeeper.
		assertThat(roles.representative(v)).isEqualTo(1);
		assertThat(roles.coordinator(v)).isEqualTo(1);
		assertThat(roles.liaison(v)).isEqualTo(1);
		assertThat(roles.gatekeeper(v)).isEqualTo(1);
		assertThat(roles.itinerant(v)).isZero();
		// A direct tie closes the path: nobody brokers it.
		Graph closed = graph(true, "a-v", "v-c", "a-c");
		assertThat(Brokerage.compute(closed, new int[] { 0, 1, 0 }).total(closed.indexOf("v"))).isZero();
		assertThatThrownBy(() -> Brokerage.compute(closed, new int[] { 0 }))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void separatesTwoCliquesJoinedByOneBridge() {
		Graph.Builder builder = Graph.builder(false);
		for (int i = 0; i < 6; i++) {
			for (int j = i + 1; j < 6; j++) {
				builder.edge("a" + i, "a" + j, 1);
				builder.edge("b" + i, "b" + j, 1);
			}
		}
		builder.edge("a0", "b0", 1);
		Graph g = builder.build();
		var louvain = LouvainCommunities.compute(g, 1.0, 3);
		assertThat(louvain.count()).isEqualTo(2);
		int a = louvain.community()[g.indexOf("a3")];
		int b = louvain.community()[g.indexOf("b3")];
		assertThat(a).isNotEqualTo(b);
		for (int i = 0; i < 6; i++) {
			assertThat(louvain.community()[g.indexOf("a" + i)]).isEqualTo(a);
			assertThat(louvain.community()[g.indexOf("b" + i)]).isEqualTo(b);
		}
		assertThat(louvain.modularity()).isGreaterThan(0.4);
		assertThat(LouvainCommunities.compute(g, 1.0, 3).community()).isEqualTo(louvain.community());
		assertThatThrownBy(() -> LouvainCommunities.compute(g, 0, 1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void measuresSilosWithTheEiIndexAndDensityMatrix() {
		// Two groups of three, fully connected inside, one tie between: E-I = (1 - 6) /
		// 7.
		Graph g = graph(false, "a-b", "b-c", "a-c", "x-y", "y-z", "x-z", "a-x");
		int[] groups = new int[g.size()];
		for (String name : new String[] { "x", "y", "z" }) {
			groups[g.indexOf(name)] = 1;
		}
		var mixing = GroupMixing.compute(g, groups, 2, 500, 1);
		assertThat(mixing.ei()).isCloseTo(-5 / 7.0, within(1e-12));
		assertThat(mixing.density()[0][0]).isEqualTo(1.0);
		assertThat(mixing.density()[0][1]).isCloseTo(1 / 9.0, within(1e-12));
		assertThat(mixing.ties()[1][0]).isEqualTo(1);
		assertThat(mixing.expectedEi()).isGreaterThan(mixing.ei());
		assertThat(mixing.pSiloed()).isLessThan(0.1);
		assertThat(mixing.assortativity()).isGreaterThan(0.5);
	}

	@Test
	void mergesParallelEdgesAndDropSelfLoops() {
		Graph.Builder builder = Graph.builder(false);
		builder.edge("a", "b", 1).edge("b", "a", 2).edge("a", "a", 1);
		Graph g = builder.build();
		assertThat(g.edgeCount()).isEqualTo(1);
		assertThat(builder.selfLoopsDropped()).isEqualTo(1);
		assertThat(g.hasEdge(1, 0)).isTrue();
	}

	@Test
	void agreesWithTextbookBrandesOnSparseDenseDisconnectedAndDirectedGraphs() {
		java.util.Random random = new java.util.Random(11);
		for (int round = 0; round < 12; round++) {
			boolean directed = round % 2 == 1;
			int n = 20 + random.nextInt(180);
			// Sparse rounds leave many components and isolated vertices; a long chain
			// gives many levels.
			int edges = round < 4 ? n / 2 : round < 8 ? 3 * n : 12 * n;
			Graph.Builder builder = Graph.builder(directed);
			for (int v = 0; v < n; v++) {
				builder.vertex("v" + v);
			}
			for (int i = 0; i < edges; i++) {
				builder.edge("v" + random.nextInt(n), "v" + random.nextInt(n), 1);
			}
			for (int v = 0; v + 1 < n / 4; v++) {
				builder.edge("c" + v, "c" + (v + 1), 1);
			}
			Graph g = builder.build();
			double[][] expected = textbook(g);
			for (int threads : new int[] { 1, 3 }) {
				var result = BrandesBetweenness.compute(g, 0, 0, threads);
				for (int v = 0; v < g.size(); v++) {
					assertThat(result.betweenness()[v]).as("betweenness of %s, round %d", g.id(v), round)
						.isCloseTo(expected[0][v], within(1e-9 * Math.max(1, expected[0][v])));
					assertThat(result.harmonic()[v]).as("harmonic of %s, round %d", g.id(v), round)
						.isCloseTo(expected[1][v], within(1e-9 * Math.max(1, expected[1][v])));
				}
			}
		}
	}

	/**
	 * Brandes (2001) as printed: queue, stack and predecessor lists, with harmonic
	 * closeness towards each vertex; the reference for the optimised kernel.
	 */
	private static double[][] textbook(Graph g) {
		int n = g.size();
		double[] betweenness = new double[n];
		double[] harmonic = new double[n];
		int[] out = g.outAdjacency();
		for (int s = 0; s < n; s++) {
			int[] dist = new int[n];
			java.util.Arrays.fill(dist, -1);
			double[] sigma = new double[n];
			double[] delta = new double[n];
			java.util.List<java.util.List<Integer>> pred = new java.util.ArrayList<>();
			for (int v = 0; v < n; v++) {
				pred.add(new java.util.ArrayList<>());
			}
			java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
			java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
			dist[s] = 0;
			sigma[s] = 1;
			queue.add(s);
			while (!queue.isEmpty()) {
				int v = queue.poll();
				stack.push(v);
				for (int i = g.outStart(v); i < g.outEnd(v); i++) {
					int w = out[i];
					if (dist[w] < 0) {
						dist[w] = dist[v] + 1;
						queue.add(w);
					}
					if (dist[w] == dist[v] + 1) {
						sigma[w] += sigma[v];
						pred.get(w).add(v);
					}
				}
			}
			while (!stack.isEmpty()) {
				int w = stack.pop();
				for (int v : pred.get(w)) {
					delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
				}
				if (w != s) {
					betweenness[w] += delta[w];
					harmonic[w] += 1.0 / dist[w];
				}
			}
		}
		if (!g.directed()) {
			for (int v = 0; v < n; v++) {
				betweenness[v] /= 2;
			}
		}
		return new double[][] { betweenness, harmonic };
	}

}
