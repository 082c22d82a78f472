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
	void shouldCountShortestPathsThroughTheMiddleOfAPath() {
		// a - b - c - d: b lies on a-c and a-d, c on a-d and b-d.
		Graph path = graph(false, "a-b", "b-c", "c-d");
		var result = BrandesBetweenness.compute(path);
		assertThat(result.betweenness()).containsExactly(0, 2, 2, 0);
		assertThat(result.harmonic()[0]).isCloseTo(1 + 1 / 2.0 + 1 / 3.0, within(1e-12));
		assertThat(result.harmonic()[1]).isCloseTo(1 + 1 + 1 / 2.0, within(1e-12));
	}

	@Test
	void shouldGiveTheSameBetweennessOnOneThreadOrMany() {
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
	void shouldCountDirectedPathsOnlyAlongTheArrows() {
		Graph chain = graph(true, "a-b", "b-c");
		assertThat(BrandesBetweenness.compute(chain).betweenness()).containsExactly(0, 1, 0);
		// Harmonic closeness of a directed graph counts distances towards the vertex.
		assertThat(BrandesBetweenness.compute(chain).harmonic()).containsExactly(0, 1, 1.5);
		assertThat(chain.degree(1)).isEqualTo(2);
	}

	@Test
	void shouldScoreAllVerticesOfACompleteGraphEqually() {
		Graph triangle = graph(false, "a-b", "b-c", "a-c");
		var eigen = EigenvectorCentrality.compute(triangle);
		assertThat(eigen.converged()).isTrue();
		for (double value : eigen.values()) {
			assertThat(value).isCloseTo(1 / Math.sqrt(3), within(1e-9));
		}
	}

	@Test
	void shouldFindTheBrokerOfAStarLessConstrainedThanItsLeaves() {
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
	void shouldClassifyGouldFernandezRoles() {
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
	void shouldSeparateTwoCliquesJoinedByOneBridge() {
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
	void shouldMeasureSilosWithTheEiIndexAndDensityMatrix() {
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
	void shouldMergeParallelEdgesAndDropSelfLoops() {
		Graph.Builder builder = Graph.builder(false);
		builder.edge("a", "b", 1).edge("b", "a", 2).edge("a", "a", 1);
		Graph g = builder.build();
		assertThat(g.edgeCount()).isEqualTo(1);
		assertThat(builder.selfLoopsDropped()).isEqualTo(1);
		assertThat(g.hasEdge(1, 0)).isTrue();
	}

}
