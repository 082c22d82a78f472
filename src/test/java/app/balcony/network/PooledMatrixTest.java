package app.balcony.network;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PooledMatrixTest {

	@Test
	void groupsBelowTheThresholdArePooledAndTheirTiesAddUp() {
		// A has 10 people, B 2 and C 3. Ties: A-A 5, A-B 2, A-C 1, B-B 1, B-C 1, C-C 0.
		long[][] ties = { { 5, 2, 1 }, { 2, 1, 1 }, { 1, 1, 0 } };
		NetworkViews.Matrix m = new NetworkViews.Matrix(List.of("A", "B", "C"), List.of(10, 2, 3), ties,
				new double[3][3]);
		NetworkViews.Matrix p = NetworkService.pooled(m, 5);
		assertThat(p.groups()).containsExactly("A", "Smaller groups (fewer than 5 people each)");
		assertThat(p.sizes()).containsExactly(10, 5);
		assertThat(p.ties()[0][0]).isEqualTo(5);
		assertThat(p.ties()[0][1]).isEqualTo(3);
		assertThat(p.ties()[1][0]).isEqualTo(3);
		assertThat(p.ties()[1][1]).isEqualTo(2);
		assertThat(p.density()[1][1]).isEqualTo(0.2);
		assertThat(p.density()[0][1]).isEqualTo(3 / 50.0);
	}

	@Test
	void aPoolStillTooSmallIsLeftOutAndLargeGroupsAreUntouched() {
		long[][] ties = { { 5, 1 }, { 1, 0 } };
		NetworkViews.Matrix m = new NetworkViews.Matrix(List.of("A", "B"), List.of(10, 2), ties, new double[2][2]);
		NetworkViews.Matrix p = NetworkService.pooled(m, 5);
		assertThat(p.groups()).containsExactly("A");
		assertThat(p.ties()[0][0]).isEqualTo(5);
		assertThat(NetworkService.pooled(m, 2)).isSameAs(m);
	}

}
