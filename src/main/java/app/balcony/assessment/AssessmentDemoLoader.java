package app.balcony.assessment;

import app.balcony.system.DemoIcsReady;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * When the demo ICS is ready, gives it a closed baseline survey and an open follow-up,
 * and a 360 for the demo leader, unless it has them already.
 */
@Component
class AssessmentDemoLoader {

	private final AssessmentDemo demo;

	private final FeedbackDemo feedback;

	AssessmentDemoLoader(AssessmentDemo demo, FeedbackDemo feedback) {
		this.demo = demo;
		this.feedback = feedback;
	}

	@EventListener
	@Order(3)
	void demoIcsReady(DemoIcsReady ready) {
		this.demo.ensure(ready.tenant());
		this.feedback.ensure(ready.tenant());
	}

}
