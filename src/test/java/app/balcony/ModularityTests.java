package app.balcony;

import java.util.Arrays;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each feature is a module; modules may use each other's API (root package and named
 * interfaces) only, as each declares in its {@code allowedDependencies}, and never in a
 * cycle. Also writes the module documentation (target/spring-modulith-docs), which
 * docs/developer/architecture.md points to.
 */
class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(BalconyApplication.class);

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("app.balcony");

	@Test
	void modulesRespectTheirBoundaries() {
		MODULES.verify();
	}

	@Test
	void everyModuleDeclaresWhatItMayDependOn() throws Exception {
		for (var module : MODULES) {
			String pkg = module.getBasePackage().getName();
			ApplicationModule declared = Class.forName(pkg + ".package-info").getAnnotation(ApplicationModule.class);
			assertThat(declared).as(pkg + " has @ApplicationModule on its package-info").isNotNull();
			if (declared.type() != ApplicationModule.Type.OPEN) {
				assertThat(Arrays.asList(declared.allowedDependencies())).as(pkg + " lists its allowed dependencies")
					.doesNotContain(ApplicationModule.OPEN_TOKEN);
			}
		}
	}

	@Test
	void oneJdbcApiAndConfigurationThroughProperties() {
		noClasses().that()
			.doNotHaveFullyQualifiedName("app.balcony.shared.Batch")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
			.because("statements go through JdbcClient; only shared.Batch batches and streams")
			.check(MAIN);
		noClasses().should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.springframework.beans.factory.annotation.Value")
			.because("settings are bound to @ConfigurationProperties records, so tests set them without reflection")
			.check(MAIN);
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(MODULES).writeDocumentation();
	}

}
