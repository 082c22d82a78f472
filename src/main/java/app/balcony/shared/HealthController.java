package app.balcony.shared;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For load balancers: 200 when this instance can reach the database, 503 when it cannot.
 * Open to anyone; says nothing about the data.
 */
@RestController
class HealthController {

	private final JdbcClient jdbc;

	HealthController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/health")
	ResponseEntity<Map<String, String>> health() {
		try {
			this.jdbc.sql("select 1").query(Integer.class).single();
			return ResponseEntity.ok(Map.of("status", "UP"));
		}
		catch (RuntimeException ex) {
			return ResponseEntity.status(503).body(Map.of("status", "DOWN"));
		}
	}

}
