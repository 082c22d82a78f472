package app.balcony.network.analysis;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric on the graphs a small wave or a first import can produce: no one, one
 * person, and people with no ties at all (directed and undirected). Each gives an answer
 * of the right size, with the documented value for people without ties, and never an
 * exception.
 */
class DegenerateGraphsTest {

	static Stream<Arguments> graphs() {
		return Stream.of(true, false)
			.flatMap(directed -> Stream.of(Arguments.of("empty", directed, isolated(directed, 0)),
					Arguments.of("one vertex", directed, isolated(directed, 1)),
					Arguments.of("five isolated vertices", directed, isolated(directed, 5))));
	}

	static Graph isolated(boolean directed, int n) {
		Graph.Builder builder = Graph.builder(directed);
		for (int v = 0; v < n; v++) {
			builder.vertex("p" + v);
		}
		return builder.build();
	}

	@ParameterizedTest(name = "{0}, directed {1}")
	@MethodSource("graphs")
	void betweennessAndClosenessAreZero(String name, boolean directed, Graph g) {
		var result = BrandesBetweenness.compute(g);
		assertThat(result.betweenness()).hasSize(g.size());
		assertThat(Arrays.stream(result.betweenness()).allMatch(x -> x == 0)).isTrue();
		assertThat(result.harmonic()).hasSize(g.size());
		assertThat(Arrays.stream(result.harmonic()).allMatch(x -> x == 0)).isTrue();
		var sampled = BrandesBetweenness.compute(g, 3, 7, 2);
		assertThat(sampled.betweenness()).hasSize(g.size());
		assertThat(Arrays.stream(sampled.betweenness()).allMatch(x -> x == 0)).isTrue();
	}

	@ParameterizedTest(name = "{0}, directed {1}")
	@MethodSource("graphs")
	void eigenvectorCentralityIsFiniteAndTheSameForEveryone(String name, boolean directed, Graph g) {
		var result = EigenvectorCentrality.compute(g);
		assertThat(result.values()).hasSize(g.size());
		assertThat(Arrays.stream(result.values()).allMatch(Double::isFinite)).isTrue();
		assertThat(Arrays.stream(result.values()).distinct().count()).isLessThanOrEqualTo(1);
	}

	@ParameterizedTest(name = "{0}, directed {1}")
	@MethodSource("graphs")
	void constraintAndEffectiveSizeAreUndefinedWithoutTies(String name, boolean directed, Graph g) {
		// As in NetworkX: an isolate has no constraint and no effective size (NaN).
		var result = StructuralHoles.compute(g);
		assertThat(result.constraint()).hasSize(g.size());
		assertThat(result.effectiveSize()).hasSize(g.size());
		assertThat(Arrays.stream(result.constraint()).allMatch(Double::isNaN)).isTrue();
		assertThat(Arrays.stream(result.effectiveSize()).allMatch(Double::isNaN)).isTrue();
	}

	@ParameterizedTest(name = "{0}, directed {1}")
	@MethodSource("graphs")
	void everyoneIsTheirOwnCommunity(String name, boolean directed, Graph g) {
		var result = LouvainCommunities.compute(g, 1.0, 42);
		assertThat(result.community()).hasSize(g.size());
		assertThat(result.count()).isEqualTo(g.size());
		assertThat(Arrays.stream(result.community()).distinct().count()).isEqualTo(g.size());
		assertThat(result.modularity()).isNotNaN();
	}

	@ParameterizedTest(name = "{0}, directed {1}")
	@MethodSource("graphs")
	void nobodyBrokers(String name, boolean directed, Graph g) {
		var result = Brokerage.compute(g, new int[g.size()]);
		for (int v = 0; v < g.size(); v++) {
			assertThat(result.total(v)).isZero();
			assertThat(result.liaison(v)).isZero();
		}
	}

	@ParameterizedTest(name = "{0}, directed {1}")
	@MethodSource("graphs")
	void mixingHasNoTiesToMeasure(String name, boolean directed, Graph g) {
		int[] group = new int[g.size()];
		for (int v = 0; v < g.size(); v++) {
			group[v] = v % 2;
		}
		var result = GroupMixing.compute(g, group, 2, 50, 7);
		assertThat(result.ties()).isDeepEqualTo(new long[2][2]);
		assertThat(result.groupSizes()).containsExactly((g.size() + 1) / 2, g.size() / 2);
		// E-I is a share of ties; with none it is reported as 0 (documented), never NaN.
		assertThat(result.ei()).isZero();
		for (double[] row : result.density()) {
			for (double d : row) {
				assertThat(d == 0 || Double.isNaN(d)).isTrue();
			}
		}
	}

	@ParameterizedTest(name = "{0}, directed {1}")
	@MethodSource("graphs")
	void allMetricsTogether(String name, boolean directed, Graph g) {
		var m = NetworkMetrics.compute(g, new int[g.size()], new NetworkMetrics.Options(1.0, 42, 0, 2));
		assertThat(m.degree()).hasSize(g.size());
		assertThat(Arrays.stream(m.degree()).allMatch(x -> x == 0)).isTrue();
		assertThat(m.community()).hasSize(g.size());
		assertThat(m.betweenness()).hasSize(g.size());
	}

	@ParameterizedTest(name = "{0}, directed {1}")
	@MethodSource("graphs")
	void clustersAgreeWithLabelsTriviallyOrNotAtAll(String name, boolean directed, Graph g) {
		int[] clusters = new int[g.size()];
		String[] labels = new String[g.size()];
		for (int v = 0; v < g.size(); v++) {
			clusters[v] = v;
			labels[v] = "org" + v;
		}
		var result = ClusterAgreement.compute(clusters, labels);
		if (g.size() == 0) {
			assertThat(result).as("no people, nothing to compare (documented)").isNull();
			return;
		}
		assertThat(result.clusters()).isEqualTo(g.size());
		assertThat(result.labels()).isEqualTo(g.size());
		assertThat(result.purity()).isEqualTo(1.0);
		assertThat(Double.isNaN(result.nmi()) || result.nmi() >= 0).isTrue();
	}

}
