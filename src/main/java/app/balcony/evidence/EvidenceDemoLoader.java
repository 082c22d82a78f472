package app.balcony.evidence;

import app.balcony.system.DemoIcsReady;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When the demo ICS is ready, gives it the demo evidence project (interviews and a
 * workshop, coded), unless it has it already.
 */
@Component
class EvidenceDemoLoader {

	private final EvidenceDemo demo;

	EvidenceDemoLoader(EvidenceDemo demo) {
		this.demo = demo;
	}

	@EventListener
	@Order(2)
	void demoIcsReady(DemoIcsReady ready) {
		this.demo.ensure(ready.tenant());
	}

}
