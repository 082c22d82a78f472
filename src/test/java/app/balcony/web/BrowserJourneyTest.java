package app.balcony.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import app.balcony.jobs.Progress;
import app.balcony.support.IntegrationTestBase;
import app.balcony.system.DemoIcs;
import app.balcony.system.SystemImport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's journey in a real browser (Debian's headless Chromium): sign in, read the
 * overview, open a place, and find the skip link first in the tab order. Screenshots go
 * to target/screenshots. Required under CI (where .ci/run installs Chromium); skipped
 * elsewhere only if Chromium is absent.
 */
class BrowserJourneyTest extends IntegrationTestBase {

	static final String CHROMIUM = "/usr/bin/chromium";

	static final String DRIVER = "/usr/bin/chromedriver";

	@Autowired
	DemoIcs demo;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Autowired
	app.balcony.network.NetworkService network;

	@Autowired
	app.balcony.evidence.EvidenceDemo evidenceDemo;

	WebDriver driver;

	long evidenceProject;

	@BeforeEach
	void startBrowser() {
		boolean available = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
		if (System.getenv("CI") == null) {
			Assumptions.assumeTrue(available, "Chromium is not installed (.ci/run installs it)");
		}
		var tenant = this.demo.ensure(42, 600, Progress.NONE);
		this.network.loadDemo(tenant.id(), "Baseline 2025", java.time.LocalDate.of(2025, 3, 1), 1, false);
		this.evidenceProject = this.evidenceDemo.ensure(tenant);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,1000");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	@AfterEach
	void stopBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	void screenshot(String name) throws Exception {
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		byte[] png = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES);
		Files.write(dir.resolve(name + ".png"), png);
	}

	@Test
	void signsInReadTheOverviewAndOpenAPlace() throws Exception {
		this.driver.get(url("/"));
		assertThat(this.driver.getTitle()).isEqualTo("Sign in – Balcony");
		screenshot("sign-in");

		this.driver.findElement(By.id("username")).sendKeys("analyst@northvale.example");
		this.driver.findElement(By.id("password")).sendKeys("northvale-analyst");
		this.driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
		new WebDriverWait(this.driver, Duration.ofSeconds(15)).until(ExpectedConditions.titleIs("Overview – Balcony"));

		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Northvale");
		String overview = this.driver.findElement(By.id("maincontent")).getText();
		assertThat(overview).contains("Eastmoor North").contains("Organisations by sector").contains("Restructures");
		assertThat(this.driver.findElement(By.cssSelector(".nhsuk-header__service-name")).getText())
			.isEqualTo("Balcony");
		screenshot("overview");

		// The stylesheet was served from the jar and applied (NHS.UK header is blue, not
		// unstyled).
		String headerColour = this.driver.findElement(By.cssSelector(".nhsuk-header")).getCssValue("background-color");
		assertThat(headerColour).isNotIn("rgba(0, 0, 0, 0)", "transparent");

		WebElement kingsmere = this.driver.findElement(By.linkText("Kingsmere"));
		kingsmere.click();
		new WebDriverWait(this.driver, Duration.ofSeconds(15)).until(ExpectedConditions.titleIs("Kingsmere – Balcony"));
		String place = this.driver.findElement(By.id("maincontent")).getText();
		assertThat(place).contains("Residents")
			.contains("320,000")
			.contains("Riverside")
			.contains("Kingsmere City Council");
		screenshot("place");

		// Keyboard users reach the skip link first, and it leads to the main content.
		this.driver.get(url("/places"));
		this.driver.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
		WebElement focused = this.driver.switchTo().activeElement();
		assertThat(focused.getText()).isEqualTo("Skip to main content");
		screenshot("map");

		// Relationships: an analyst opens a wave and sees findings, the matrix and the
		// named brokers.
		this.driver.get(url("/network"));
		this.driver.findElement(By.linkText("Baseline 2025")).click();
		new WebDriverWait(this.driver, Duration.ofSeconds(30)).until(ExpectedConditions.titleContains("Baseline 2025"));
		String wave = this.driver.findElement(By.id("maincontent")).getText();
		assertThat(wave).contains("Findings").contains("Ties within and between groups").contains("Boundary spanners");
		screenshot("network");
	}

	/**
	 * The pages an analyst uses, checked by axe-core in the browser against the WCAG 2.1
	 * A and AA rules it can test automatically (contrast, names, labels, structure,
	 * ARIA). Automated rules catch part of WCAG, not all; keyboard paths are checked
	 * above.
	 */
	@Test
	void analystPagesPassTheAutomatedWcag21AaChecks() throws Exception {
		this.driver.get(url("/login"));
		this.driver.findElement(By.id("username")).sendKeys("analyst@northvale.example");
		this.driver.findElement(By.id("password")).sendKeys("northvale-analyst");
		this.driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
		new WebDriverWait(this.driver, Duration.ofSeconds(15)).until(ExpectedConditions.titleIs("Overview – Balcony"));
		long source = firstSource();
		long wave = this.jdbc.queryForObject(
				"select min(w.id) from network_wave w join tenant t on t.id = w.tenant_id where t.slug = ? and w.name = ?",
				Long.class, DemoIcs.SLUG, "Baseline 2025");
		java.util.List<String> pages = java.util.List.of("/", "/places", "/organisations", "/people", "/governance",
				"/search?q=care", "/frameworks", "/network", "/network/waves/" + wave,
				"/network/waves/" + wave + "/map", "/assessment", "/feedback", "/account", "/evidence",
				"/evidence/projects/" + this.evidenceProject,
				"/evidence/projects/" + this.evidenceProject + "/speakers",
				"/evidence/projects/" + this.evidenceProject + "/agreement",
				"/evidence/projects/" + this.evidenceProject + "/matrix?attribute=level",
				"/evidence/sources/" + source + "?suggestions=true",
				"/evidence/sources/" + source + "/person?q=director");
		java.util.List<String> problems = new java.util.ArrayList<>();
		for (String page : pages) {
			this.driver.get(url(page));
			var results = new com.deque.html.axecore.selenium.AxeBuilder()
				.withTags(java.util.List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
				.analyze(this.driver);
			results.getViolations()
				.forEach(v -> problems.add(page + ": " + v.getId() + " (" + v.getHelp() + ") at "
						+ v.getNodes().get(0).getTarget() + ", " + v.getNodes().size() + " element(s)"));
			assertThat(this.driver.getTitle()).as(page).doesNotContain("Page not found").doesNotContain("error");
		}
		assertThat(problems).as("axe-core WCAG 2.1 A/AA violations").isEmpty();
	}

	private long firstSource() {
		return this.jdbc.queryForObject(
				"select min(id) from evidence_source where project_id = ? and redaction_state = 'CONFIRMED'",
				Long.class, this.evidenceProject);
	}

}
