package app.balcony.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import app.balcony.evidence.EvidenceViews.AgreementReport;
import app.balcony.evidence.EvidenceViews.Code;
import app.balcony.evidence.EvidenceViews.CodeAgreement;
import app.balcony.evidence.EvidenceViews.CoOccurrence;
import app.balcony.evidence.EvidenceViews.CodeSuggestion;
import app.balcony.evidence.EvidenceViews.Disagreement;
import app.balcony.evidence.EvidenceViews.Matrix;
import app.balcony.evidence.EvidenceViews.Project;
import app.balcony.evidence.EvidenceViews.Retrieval;
import app.balcony.evidence.EvidenceViews.RetrievedSegment;
import app.balcony.evidence.EvidenceViews.SegmentSuggestions;
import app.balcony.evidence.EvidenceViews.Source;
import app.balcony.evidence.EvidenceViews.TensionPassage;
import app.balcony.evidence.agreement.Agreement;
import app.balcony.evidence.autocode.AutoCoder;
import app.balcony.evidence.autocode.CodeScore;
import app.balcony.evidence.autocode.Codebook;
import app.balcony.evidence.autocode.LabelledExample;
import app.balcony.evidence.autocode.OpposedStatements;
import app.balcony.evidence.autocode.Suggestion;
import app.balcony.evidence.autocode.TensionFinder;
import app.balcony.evidence.autocode.TextEmbedder;
import app.balcony.framework.Framework;
import app.balcony.framework.FrameworkElement;
import app.balcony.identity.BalconyUser;
import app.balcony.shared.BadRequestException;
import app.balcony.shared.NotFoundException;
import app.balcony.shared.TableExport;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suggestions, the tension finder, inter-coder agreement and the code-by-attribute matrix
 * for an evidence project.
 */
@Service
public class EvidenceAnalysis {

	private final JdbcClient jdbc;

	private final EvidenceService evidence;

	EvidenceAnalysis(JdbcClient jdbc, EvidenceService evidence) {
		this.jdbc = jdbc;
		this.evidence = evidence;
	}

	/**
	 * Suggested codes for every segment of a source, best first, from the project's
	 * top-level codes: their definitions (and the framework's examples and cues), and
	 * every passage already coded in the project, which the coder learns from, and every
	 * suggestion rejected in the project, which lowers that code for similar passages.
	 * Codes the viewer already applied to a segment are left out; ones they rejected are
	 * marked.
	 */
	@Transactional(readOnly = true)
	public List<SegmentSuggestions> suggestions(BalconyUser user, long sourceId, int perSegment) {
		Source source = this.evidence.source(user, sourceId, false);
		Project project = this.evidence.project(user, source.projectId());
		List<Code> codes = this.evidence.codes(user, project.id());
		List<Code> top = codes.stream().filter(c -> c.parentId() == null).toList();
		if (top.isEmpty()) {
			throw new BadRequestException("The project has no codes to suggest");
		}
		Framework framework = this.evidence.projectFramework(user.tenantId(), project);
		Map<Long, Long> rootOf = new HashMap<>();
		codes.forEach(c -> rootOf.put(c.id(), c.parentId() == null ? c.id() : rootOf.get(c.parentId())));
		List<Codebook.Code> bookCodes = new ArrayList<>();
		for (Code code : top) {
			FrameworkElement element = framework == null ? null : framework.element(code.key()).orElse(null);
			Codebook.Code known = element == null ? null : Codebook.code(element);
			List<String> examples = new ArrayList<>(known == null ? List.of() : known.examples());
			List<String> poles = known == null ? List.of() : known.poles();
			List<String> cues = known == null ? List.of() : known.cues();
			codes.stream()
				.filter(c -> c.parentId() != null && rootOf.get(c.id()) == code.id())
				.forEach(c -> examples.add(c.name() + ": " + c.definition()));
			bookCodes.add(new Codebook.Code(String.valueOf(code.id()), code.name(), code.definition(), examples, poles,
					cues));
		}
		Codebook codebook = new Codebook("project-" + project.id(), bookCodes);
		List<LabelledExample> learned = passages(rootOf, """
				select k.code_id, s.content, k.start_offset, k.end_offset from evidence_coding k
				join evidence_source s on s.id = k.source_id
				where k.project_id = ? and k.tenant_id = ? and k.deleted_at is null""", project.id(), user.tenantId());
		List<LabelledExample> rejections = passages(rootOf, """
				select r.code_id, s.content, g.start_offset, g.end_offset from evidence_rejection r
				join evidence_segment g on g.id = r.segment_id
				join evidence_source s on s.id = g.source_id
				where s.project_id = ? and r.tenant_id = ?""", project.id(), user.tenantId());
		AutoCoder coder = new AutoCoder(codebook, learned, rejections, TextEmbedder.shared(),
				AutoCoder.Settings.DEFAULT);
		Map<Long, Code> byId = new HashMap<>();
		codes.forEach(c -> byId.put(c.id(), c));
		Set<String> rejected = new HashSet<>(this.jdbc.sql(
				"select r.segment_id || ':' || r.code_id from evidence_rejection r join evidence_segment g on g.id = r.segment_id "
						+ "where g.source_id = ? and r.coder = ?")
			.params(sourceId, user.getUsername())
			.query(String.class)
			.list());
		List<Suggestion> all = coder.suggestAll(source.segments().stream().map(EvidenceViews.Segment::text).toList());
		List<SegmentSuggestions> out = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			EvidenceViews.Segment segment = source.segments().get(i);
			Set<Long> applied = new HashSet<>();
			source.codings()
				.stream()
				.filter(c -> c.start() < segment.end() && c.end() > segment.start())
				.forEach(c -> applied.add(rootOf.get(c.codeId())));
			List<CodeSuggestion> ranked = new ArrayList<>();
			for (CodeScore score : all.get(i).codes()) {
				long codeId = Long.parseLong(score.code());
				if (applied.contains(codeId) || ranked.size() >= perSegment) {
					continue;
				}
				Code code = byId.get(codeId);
				ranked.add(new CodeSuggestion(codeId, code.key(), code.name(), score.score(), score.matchedCues(),
						score.nearest(), rejected.contains(segment.id() + ":" + codeId), score.loweredBy()));
			}
			var tension = all.get(i).tension();
			out.add(new SegmentSuggestions(segment.id(), segment.text(), ranked, tension.score(), tension.cues(),
					tension.paradox()));
		}
		return out;
	}

	/**
	 * Passages with the top-level code they were coded with (or rejected for), from a
	 * query giving code id, source text, start and end.
	 */
	private List<LabelledExample> passages(Map<Long, Long> rootOf, String sql, Object... params) {
		List<LabelledExample> out = new ArrayList<>();
		this.jdbc.sql(sql).params(params).query((rs, n) -> {
			Long root = rootOf.get(rs.getLong(1));
			String text = rs.getString(2).substring(rs.getInt(3), rs.getInt(4));
			if (root != null && !text.isBlank()) {
				out.add(new LabelledExample(text, String.valueOf(root)));
			}
			return null;
		}).list();
		return out;
	}

	/**
	 * Accepts a suggestion: codes the whole segment, recorded as coming from a
	 * suggestion.
	 */
	@Transactional
	public long accept(BalconyUser user, long segmentId, long codeId, Double score) {
		long[] segment = segment(user, segmentId);
		return this.evidence
			.code(user, segment[0], List.of(codeId), (int) segment[1], (int) segment[2], "SUGGESTION", score)
			.get(0);
	}

	/** Rejects a suggestion, so it is shown as rejected and not offered as new. */
	@Transactional
	public void reject(BalconyUser user, long segmentId, long codeId) {
		long[] segment = segment(user, segmentId);
		boolean known = this.jdbc
			.sql("select count(*) from evidence_code c join evidence_source s on s.project_id = c.project_id "
					+ "where s.id = ? and c.id = ? and c.tenant_id = ?")
			.params(segment[0], codeId, user.tenantId())
			.query(Long.class)
			.single() > 0;
		if (!known) {
			throw new NotFoundException("No code " + codeId + " in this segment's project");
		}
		boolean exists = this.jdbc
			.sql("select count(*) from evidence_rejection where segment_id = ? and code_id = ? and coder = ?")
			.params(segmentId, codeId, user.getUsername())
			.query(Long.class)
			.single() > 0;
		if (!exists) {
			this.jdbc.sql("insert into evidence_rejection (tenant_id, segment_id, code_id, coder) values (?, ?, ?, ?)")
				.params(user.tenantId(), segmentId, codeId, user.getUsername())
				.update();
		}
	}

	private long[] segment(BalconyUser user, long segmentId) {
		EvidenceService.requireAnalyst(user);
		return this.jdbc
			.sql("select source_id, start_offset, end_offset from evidence_segment where id = ? and tenant_id = ?")
			.params(segmentId, user.tenantId())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
			.optional()
			.orElseThrow(() -> new NotFoundException("No such segment"));
	}

	/**
	 * Passages (speaker turns) where someone holds two poles at once, strongest first,
	 * with the cues that fired and the paradox they most resemble.
	 */
	@Transactional(readOnly = true)
	public List<TensionPassage> tensions(BalconyUser user, long projectId, double minimum) {
		this.evidence.project(user, projectId);
		TensionFinder finder = new TensionFinder();
		List<TensionPassage> passages = new ArrayList<>();
		record Turn(long sourceId, String sourceName, long firstSegment, String speaker, String text) {
		}
		List<Turn> turns = new ArrayList<>();
		for (var summary : this.evidence.sources(user, projectId)) {
			Source source = this.evidence.source(user, summary.id(), false);
			Map<Integer, List<EvidenceViews.Segment>> byTurn = new LinkedHashMap<>();
			source.segments().forEach(s -> byTurn.computeIfAbsent(s.turn(), k -> new ArrayList<>()).add(s));
			byTurn.values().forEach(segments -> {
				String text = source.content()
					.substring(segments.get(0).start(), segments.get(segments.size() - 1).end());
				turns.add(new Turn(source.id(), source.name(), segments.get(0).id(), segments.get(0).speaker(), text));
			});
		}
		List<Turn> flagged = new ArrayList<>();
		List<app.balcony.evidence.autocode.Tension> found = new ArrayList<>();
		for (Turn turn : turns) {
			var tension = finder.find(turn.text());
			if (tension.score() >= minimum && tension.score() > 0) {
				flagged.add(turn);
				found.add(tension);
			}
		}
		if (!flagged.isEmpty()) {
			Framework paradox = app.balcony.framework.BuiltInFrameworks.find("paradox").orElseThrow();
			AutoCoder coder = new AutoCoder(Codebook.of(paradox), List.of());
			List<Suggestion> named = coder.suggestAll(flagged.stream().map(Turn::text).toList());
			for (int i = 0; i < flagged.size(); i++) {
				Turn t = flagged.get(i);
				passages.add(new TensionPassage(t.sourceId(), t.sourceName(), t.firstSegment(), t.speaker(), t.text(),
						found.get(i).score(), found.get(i).cues(), named.get(i).best().code(), "cues"));
			}
		}
		passages.addAll(opposedPairs(user, projectId, minimum));
		passages.sort(Comparator.comparingDouble(TensionPassage::score).reversed());
		return passages;
	}

	/** Who asks rather than answers: their statements are not paired. */
	private static final java.util.regex.Pattern ASKERS = java.util.regex.Pattern
		.compile("(?i)(interviewer|facilitator|moderator|researcher|chair)\\b.*");

	/**
	 * Pairs of statements by one speaker in one source that lean to opposite poles of a
	 * paradox (see {@link OpposedStatements}); interviewers' and facilitators' questions
	 * are left out.
	 */
	private List<TensionPassage> opposedPairs(BalconyUser user, long projectId, double minimum) {
		OpposedStatements finder = new OpposedStatements(TextEmbedder.shared(),
				Codebook.of(app.balcony.framework.BuiltInFrameworks.find("paradox").orElseThrow()));
		List<TensionPassage> out = new ArrayList<>();
		for (var summary : this.evidence.sources(user, projectId)) {
			Source source = this.evidence.source(user, summary.id(), false);
			List<OpposedStatements.Statement> statements = source.segments()
				.stream()
				.filter(s -> s.speaker() != null && !ASKERS.matcher(s.speaker()).matches())
				.map(s -> new OpposedStatements.Statement(s.id(), s.speaker(), s.text()))
				.toList();
			for (OpposedStatements.Pair pair : finder.find(statements)) {
				if (pair.score() >= minimum) {
					out.add(new TensionPassage(source.id(), source.name(), pair.first().id(), pair.first().speaker(),
							pair.first().text() + "\n…\n" + pair.second().text(), pair.score(),
							List.of(pair.firstPole(), pair.secondPole()), pair.code(), "pair"));
				}
			}
		}
		return out;
	}

	/**
	 * Agreement between the project's coders. Units are segments; for each code, each
	 * coder either applied it to a segment (any overlap) or not. Percent agreement and
	 * Cohen's kappa compare the first two coders (alphabetically); Krippendorff's alpha
	 * uses every coder. Overall figures pool every code-segment pair.
	 */
	@Transactional(readOnly = true)
	public AgreementReport agreement(BalconyUser user, long projectId) {
		this.evidence.project(user, projectId);
		List<Code> codes = this.evidence.codes(user, projectId);
		record Unit(long sourceId, String sourceName, long segmentId, int start, int end, String text) {
		}
		List<Unit> units = new ArrayList<>();
		Map<Long, List<EvidenceViews.Coding>> codingsBySource = new HashMap<>();
		Set<String> coderSet = new TreeSet<>();
		for (var summary : this.evidence.sources(user, projectId)) {
			Source source = this.evidence.source(user, summary.id(), true);
			source.segments()
				.forEach(s -> units.add(new Unit(source.id(), source.name(), s.id(), s.start(), s.end(), s.text())));
			codingsBySource.put(source.id(), source.codings());
			source.codings().forEach(c -> coderSet.add(c.coder()));
		}
		List<String> coders = List.copyOf(coderSet);
		List<CodeAgreement> perCode = new ArrayList<>();
		List<Object> pooledA = new ArrayList<>();
		List<Object> pooledB = new ArrayList<>();
		List<List<?>> pooledUnits = new ArrayList<>();
		List<Disagreement> disagreements = new ArrayList<>();
		for (Code code : codes) {
			List<Object> a = new ArrayList<>();
			List<Object> b = new ArrayList<>();
			List<List<?>> alphaUnits = new ArrayList<>();
			boolean used = false;
			for (Unit unit : units) {
				List<Object> values = new ArrayList<>();
				List<String> with = new ArrayList<>();
				List<String> without = new ArrayList<>();
				for (String coder : coders) {
					boolean applied = codingsBySource.get(unit.sourceId())
						.stream()
						.anyMatch(c -> c.codeId() == code.id() && c.coder().equals(coder) && c.start() < unit.end()
								&& c.end() > unit.start());
					values.add(applied);
					(applied ? with : without).add(coder);
					used |= applied;
				}
				if (coders.size() >= 2) {
					a.add(values.get(0));
					b.add(values.get(1));
				}
				alphaUnits.add(values);
				if (!with.isEmpty() && !without.isEmpty() && disagreements.size() < 200) {
					disagreements.add(new Disagreement(unit.sourceId(), unit.sourceName(), unit.segmentId(),
							unit.text(), code.name(), with, without));
				}
			}
			if (!used || coders.size() < 2) {
				continue;
			}
			pooledA.addAll(a);
			pooledB.addAll(b);
			pooledUnits.addAll(alphaUnits);
			perCode.add(new CodeAgreement(code.key(), code.name(), units.size(), Agreement.percent(a, b),
					Agreement.cohensKappa(a, b), Agreement.krippendorffAlpha(alphaUnits)));
		}
		return new AgreementReport(coders, units.size(), perCode,
				pooledA.isEmpty() ? Double.NaN : Agreement.percent(pooledA, pooledB),
				pooledA.isEmpty() ? Double.NaN : Agreement.cohensKappa(pooledA, pooledB),
				pooledUnits.isEmpty() ? Double.NaN : Agreement.krippendorffAlpha(pooledUnits), disagreements);
	}

	/**
	 * How many coded passages each code has per value of a case attribute (for example
	 * paradox by level): the speaker's attribute when recorded, else the source's.
	 * Passages with neither count under "(not recorded)".
	 */
	@Transactional(readOnly = true)
	public Matrix matrix(BalconyUser user, long projectId, String attribute) {
		if (!EvidenceService.ATTRIBUTES.contains(attribute)) {
			throw new BadRequestException("attribute: use one of " + String.join(", ", EvidenceService.ATTRIBUTES)
					+ " (got '" + attribute + "')");
		}
		List<Code> codes = this.evidence.codes(user, projectId);
		Map<Long, String> valueBySource = new HashMap<>();
		this.evidence.sources(user, projectId)
			.forEach(s -> valueBySource.put(s.id(), s.attributes().getOrDefault(attribute, "(not recorded)")));
		// A speaker's own attribute, when recorded, counts instead of the source's.
		Map<String, String> valueBySpeaker = new HashMap<>();
		this.evidence.speakerAttributes(user, projectId).forEach((speaker, attributes) -> {
			if (attributes.containsKey(attribute)) {
				valueBySpeaker.put(speaker, attributes.get(attribute));
			}
		});
		Map<Long, Map<String, Long>> counts = new HashMap<>();
		Set<String> values = new TreeSet<>();
		this.jdbc
			.sql("""
					select c.code_id, c.source_id, (select max(g.speaker) from evidence_segment g
					  where g.source_id = c.source_id and g.start_offset <= c.start_offset and g.end_offset > c.start_offset)
					from evidence_coding c where c.project_id = ? and c.deleted_at is null""")
			.param(projectId)
			.query((rs, n) -> {
				String speaker = rs.getString(3);
				String value = speaker != null && valueBySpeaker.containsKey(speaker) ? valueBySpeaker.get(speaker)
						: valueBySource.get(rs.getLong(2));
				values.add(value);
				return counts.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).merge(value, 1L, Long::sum);
			})
			.list();
		values.addAll(valueBySource.values());
		List<String> columns = new ArrayList<>(values);
		List<String> rows = codes.stream().map(Code::name).toList();
		long[][] cells = new long[codes.size()][columns.size()];
		for (int r = 0; r < codes.size(); r++) {
			Map<String, Long> row = counts.getOrDefault(codes.get(r).id(), Map.of());
			for (int c = 0; c < columns.size(); c++) {
				cells[r][c] = row.getOrDefault(columns.get(c), 0L);
			}
		}
		return new Matrix(attribute, columns, rows, cells);
	}

	/**
	 * Code co-occurrence: for each pair of codes, the number of segments that both codes
	 * touch (any coder). The diagonal holds the number of segments each code touches.
	 */
	@Transactional(readOnly = true)
	public CoOccurrence coOccurrence(BalconyUser user, long projectId) {
		List<Code> codes = this.evidence.codes(user, projectId);
		Map<Long, Integer> index = new HashMap<>();
		for (int i = 0; i < codes.size(); i++) {
			index.put(codes.get(i).id(), i);
		}
		long[][] counts = new long[codes.size()][codes.size()];
		for (var summary : this.evidence.sources(user, projectId)) {
			Source source = this.evidence.source(user, summary.id(), true);
			for (EvidenceViews.Segment segment : source.segments()) {
				Set<Integer> touched = new TreeSet<>();
				for (EvidenceViews.Coding c : source.codings()) {
					if (c.start() < segment.end() && c.end() > segment.start()) {
						touched.add(index.get(c.codeId()));
					}
				}
				for (int a : touched) {
					for (int b : touched) {
						counts[a][b]++;
					}
				}
			}
		}
		return new CoOccurrence(codes.stream().map(Code::name).toList(), counts);
	}

	/**
	 * Every passage coded with a code (and, optionally, its child codes), with the
	 * sentences around it, for reading a code's evidence in one place.
	 */
	@Transactional(readOnly = true)
	public Retrieval retrieve(BalconyUser user, long projectId, long codeId, boolean withChildren) {
		List<Code> codes = this.evidence.codes(user, projectId);
		Code code = codes.stream()
			.filter(c -> c.id() == codeId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No such code in this project"));
		Set<Long> wanted = new HashSet<>(List.of(codeId));
		if (withChildren) {
			boolean grew = true;
			while (grew) {
				grew = false;
				for (Code c : codes) {
					if (c.parentId() != null && wanted.contains(c.parentId()) && wanted.add(c.id())) {
						grew = true;
					}
				}
			}
		}
		List<RetrievedSegment> found = new ArrayList<>();
		for (var summary : this.evidence.sources(user, projectId)) {
			if (summary.codings() == 0) {
				continue;
			}
			Source source = this.evidence.source(user, summary.id(), true);
			for (EvidenceViews.Coding c : source.codings()) {
				if (!wanted.contains(c.codeId())) {
					continue;
				}
				// Context: the sentences within about 300 characters before the passage,
				// and
				// the rest of its sentence plus the next one after it.
				int from = c.start();
				int to = c.end();
				for (EvidenceViews.Segment segment : source.segments()) {
					if (segment.start() <= c.start() && segment.end() > c.start()) {
						from = Math.min(from, segment.start());
					}
					if (segment.end() <= c.start() && segment.end() > c.start() - 300) {
						from = Math.min(from, segment.start());
					}
				}
				boolean nextTaken = false;
				for (EvidenceViews.Segment segment : source.segments()) {
					if (segment.start() < c.end() && segment.end() > c.end()) {
						to = Math.max(to, segment.end());
					}
					else if (segment.start() >= c.end() && !nextTaken) {
						to = Math.max(to, segment.end());
						nextTaken = true;
					}
				}
				String before = source.content().substring(from, c.start());
				String after = source.content().substring(c.end(), to);
				found.add(new RetrievedSegment(source.id(), source.name(), c.coder(), before.strip(), c.text(),
						after.strip(), c.origin()));
			}
		}
		return new Retrieval(code.name(), code.definition(), found);
	}

	/**
	 * The project's coded data as tables for CSV or XLSX: every coding with its source's
	 * attributes and speaker, code frequencies, co-occurrence, and the code by attribute
	 * matrices for attributes that were recorded.
	 */
	@Transactional
	public List<TableExport.Table> tables(BalconyUser user, long projectId) {
		Project project = this.evidence.project(user, projectId);
		List<Code> codes = this.evidence.codes(user, projectId);
		Map<Long, Code> byId = new HashMap<>();
		codes.forEach(c -> byId.put(c.id(), c));
		List<String> header = new ArrayList<>(List.of("source"));
		header.addAll(EvidenceService.ATTRIBUTES);
		header.add("speaker");
		EvidenceService.ATTRIBUTES.forEach(a -> header.add("speaker_" + a));
		header.addAll(List.of("coder", "code", "parent_code", "origin", "start", "end", "text"));
		Map<String, Map<String, String>> speakers = this.evidence.speakerAttributes(user, projectId);
		List<List<Object>> rows = new ArrayList<>();
		Set<String> recorded = new TreeSet<>();
		speakers.values().forEach(a -> recorded.addAll(a.keySet()));
		for (var summary : this.evidence.sources(user, projectId)) {
			recorded.addAll(summary.attributes().keySet());
			Source source = this.evidence.source(user, summary.id(), true);
			for (EvidenceViews.Coding c : source.codings()) {
				List<Object> row = new ArrayList<>();
				row.add(source.name());
				EvidenceService.ATTRIBUTES.forEach(a -> row.add(source.attributes().getOrDefault(a, "")));
				String speaker = source.segments()
					.stream()
					.filter(g -> g.start() <= c.start() && g.end() > c.start())
					.map(EvidenceViews.Segment::speaker)
					.filter(java.util.Objects::nonNull)
					.findFirst()
					.orElse("");
				Code code = byId.get(c.codeId());
				Code parent = code.parentId() == null ? null : byId.get(code.parentId());
				row.add(speaker);
				Map<String, String> own = speakers.getOrDefault(speaker, Map.of());
				EvidenceService.ATTRIBUTES.forEach(a -> row.add(own.getOrDefault(a, "")));
				row.addAll(List.of(c.coder(), code.name(), parent == null ? "" : parent.name(), c.origin(), c.start(),
						c.end(), c.text()));
				rows.add(row);
			}
		}
		List<TableExport.Table> tables = new ArrayList<>();
		tables.add(new TableExport.Table("Codings", header, rows));
		tables.add(new TableExport.Table("Codes", List.of("code", "key", "parent_code", "definition", "codings"),
				codes.stream()
					.map(c -> List.<Object>of(c.name(), c.key(),
							c.parentId() == null ? "" : byId.get(c.parentId()).name(), c.definition(), c.codings()))
					.toList()));
		CoOccurrence co = coOccurrence(user, projectId);
		tables.add(grid("Co-occurrence", co.codes(), co.codes(), co.counts()));
		for (String attribute : recorded) {
			Matrix m = matrix(user, projectId, attribute);
			tables.add(grid("By " + attribute.replace('_', ' '), m.rows(), m.columns(), m.counts()));
		}
		this.evidence.auditExport(user, project.id(), rows.size());
		return tables;
	}

	private static TableExport.Table grid(String name, List<String> rows, List<String> columns, long[][] counts) {
		List<String> header = new ArrayList<>(List.of("code"));
		header.addAll(columns);
		List<List<Object>> out = new ArrayList<>();
		for (int r = 0; r < rows.size(); r++) {
			List<Object> row = new ArrayList<>(List.of(rows.get(r)));
			for (long n : counts[r]) {
				row.add(n);
			}
			out.add(row);
		}
		return new TableExport.Table(name, header, out);
	}

}
