package app.balcony.shared;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strings in JSON bodies follow the same rule as form fields: no NUL or other C0 control
 * character except tab, line feed and carriage return. Refused as a 400 naming the
 * field's path.
 */
@Configuration
public class JsonText {

	/** The first forbidden control character in text, as U+XXXX, or null. */
	public static String controlCharacterIn(String text) {
		if (text == null) {
			return null;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
				return String.format("U+%04X", (int) c);
			}
		}
		return null;
	}

	static final class CheckedStrings extends StdScalarDeserializer<String> {

		private static final long serialVersionUID = 1L;

		CheckedStrings() {
			super(String.class);
		}

		@Override
		public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
			String value = StringDeserializer.instance.deserialize(p, ctxt);
			String bad = controlCharacterIn(value);
			if (bad != null) {
				return (String) ctxt.handleWeirdStringValue(String.class, value,
						"contains a control character (%s) that text may not hold", bad);
			}
			return value;
		}

	}

	@Bean
	Jackson2ObjectMapperBuilderCustomizer controlCharactersInJson() {
		return builder -> builder.postConfigurer(mapper -> mapper
			.registerModule(new SimpleModule("balcony-text").addDeserializer(String.class, new CheckedStrings())));
	}

}
