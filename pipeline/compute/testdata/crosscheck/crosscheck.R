# Reference values for shihyo's statistics, computed with R's survey package
# (Debian: r-cran-survey) independently of the Go code.
#
#   Rscript crosscheck.R DATA_DIR OUT_DIR
#
# reads the data directory (this folder) and writes five CSV files into
# OUT_DIR; the committed copies are in expected/, and
# TestCrossCheckR (pipeline/compute/crosscheck_test.go) compares the
# pipeline's results with them. `make check-r` re-runs this script and
# diffs its output against expected/.
#
# The conventions are those of docs/statistics.md:
#   - the design is the whole wave file: svydesign(ids = ~1, weights = ~w),
#     w = the wave's weight column or 1;
#   - the domain is the indicator's filter, answered (not blank) and not an
#     excluded code; y = 1 for a positive code; a filtered domain of fewer
#     than 10 is not published and the trend skips that wave;
#   - CI: svyciprop(~y, subset(design, domain), method = "logit"); when the
#     share is 0 or 1 that interval has zero width, and shihyo publishes the
#     Clopper-Pearson interval for n = Kish's effective n instead (qbeta);
#   - change: from the previous fiscal year's wave only (year - 1),
#     (p2 - p1) / sqrt(SE1^2 + SE2^2) with the svymean SEs, two-sided
#     normal p-value, 5% level; when either wave is at 0% or 100% (a zero
#     SE), the MOVER interval for the difference from the two waves' own
#     intervals above (svyciprop, or qbeta at 0/1) at each level, and the
#     p-value as the level at which it touches 0 (uniroot);
#   - projection: lm(published percent ~ fiscal year) over the waves so far
#     (3 or more), predict(interval = "prediction") at the target year,
#     clamped to 0-100;
#   - choices.csv's kind: a code of kind missing (a vendor's 99) is a blank
#     (NA); one of kind not_applicable (非該当) is out of every domain, and
#     counted apart from the blanks in the flow;
#   - a 複数回答 question (role multi): the chosen codes in one cell (1;3,
#     1,3 or 1 3); the domain is the filter, something chosen (a missing
#     code alone is nothing), and not only excluded codes; y = 1 when any
#     positive code was chosen; a filter clause on it holds when any of its
#     codes was chosen;
#   - the flow: the wave's rows = outside the filter + 非該当 + 無回答 +
#     excluded + n, tested in that order;
#   - breakdowns: the domain also restricted to one answer of an attribute
#     (NA = blank), every category of choices.csv and blank (by a key of
#     the indicator's filter, the codes it lets through), for each domain
#     of 10 or more; a code of kind with_blank (無回答と合算) holds the
#     blanks too, and there is no blank cell; 10 <= n <= 30 is a reference value. Which cells
#     are hidden is not computed here: the test compares the cells shihyo
#     shows (disclosure control is tested in Go, by the auditor).
# The input files must use Western fiscal years and UTF-8 (as this fixture
# does); the parsing here is only what this fixture needs.

suppressPackageStartupMessages(library(survey))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript crosscheck.R DATA_DIR OUT_DIR")
data_dir <- args[1]
out_dir <- args[2]
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

read <- function(name) {
  read.csv(file.path(data_dir, name), colClasses = "character", check.names = FALSE,
           encoding = "UTF-8", fileEncoding = "UTF-8")
}
codes <- function(s) {
  if (is.na(s) || s == "") return(integer(0))
  as.integer(strsplit(s, ";", fixed = TRUE)[[1]])
}
# Estimates, sums and p-values are printed to 1e-10; interval bounds, which
# R finds by iterating (svyglm), to 1e-6 so that the files are the same on
# every R installation.
num <- function(x) sprintf("%.10f", x)
num_or_empty <- function(x) ifelse(is.na(x), "", sprintf("%.10f", x))
bound <- function(x) sprintf("%.6f", x)
bound_or_empty <- function(x) ifelse(is.na(x), "", sprintf("%.6f", x))

surveys <- read("surveys.csv")
questions <- read("questions.csv")
indicators <- read("indicators.csv")
choices <- read("choices.csv")
if (is.null(choices$kind)) choices$kind <- ""
kind_codes <- function(sid, key, kind) {
  as.integer(choices$code[choices$survey_id == sid & choices$key == key & choices$kind == kind])
}
NOT_APPLICABLE <- -2 # as the pipeline stores 非該当

# exact_units: weights as written (plain decimals), as integers in units of
# 10^-s where s is the most decimal places among them, as the pipeline
# stores them; exact in doubles while below 2^53, which is checked.
exact_units <- function(s) {
  s <- trimws(s)
  whole <- sub("\\..*$", "", s)
  frac <- ifelse(grepl(".", s, fixed = TRUE), sub("^[^.]*\\.", "", s), "")
  frac <- sub("0+$", "", frac)
  scale <- max(nchar(frac))
  units <- as.numeric(paste0(ifelse(whole == "", "0", whole), frac, strrep("0", scale - nchar(frac))))
  stopifnot(!anyNA(units), all(units > 0), all(units < 2^53))
  units
}

# One data frame per wave, columns renamed to keys, w = weight or 1, wu =
# the weight exactly in the wave's units.
# A code of kind missing reads as NA, one of kind not_applicable as
# NOT_APPLICABLE. A 複数回答 question is kept apart, in attr "multi": per
# key a list of the codes chosen (integer(0) for nothing or a missing code,
# NOT_APPLICABLE for 非該当).
load_wave <- function(s) {
  raw <- read(s$file)
  q <- questions[questions$survey_id == s$survey_id, ]
  d <- data.frame(row.names = seq_len(nrow(raw)))
  multi <- list()
  for (i in seq_len(nrow(q))) {
    v <- raw[[q$column[i]]]
    key <- q$key[i]
    missing <- kind_codes(s$survey_id, key, "missing")
    na <- kind_codes(s$survey_id, key, "not_applicable")
    if (q$role[i] == "multi") {
      multi[[key]] <- lapply(strsplit(trimws(v), "[;, ]+"), function(cs) {
        cs <- as.integer(cs[cs != ""])
        if (length(cs) == 1 && cs %in% na) return(NOT_APPLICABLE)
        cs[!(cs %in% missing)]
      })
      next
    }
    if (q$role[i] == "id") { d[[key]] <- v; next }
    x <- suppressWarnings(as.numeric(v))
    x[x %in% missing] <- NA
    x[x %in% na] <- NOT_APPLICABLE
    d[[key]] <- x
  }
  attr(d, "multi") <- multi
  wkey <- q$key[q$role == "weight"]
  d$w <- if (length(wkey) == 1) d[[wkey]] else 1
  d$wu <- if (length(wkey) == 1) exact_units(raw[[q$column[q$role == "weight"]]]) else 1
  d
}
waves <- lapply(seq_len(nrow(surveys)), function(i) load_wave(surveys[i, ]))
names(waves) <- surveys$survey_id

in_filter <- function(d, filter) {
  keep <- rep(TRUE, nrow(d))
  if (filter == "") return(keep)
  for (clause in trimws(strsplit(filter, "&", fixed = TRUE)[[1]])) {
    kv <- strsplit(clause, "=", fixed = TRUE)[[1]]
    key <- trimws(kv[1])
    cs <- codes(trimws(kv[2]))
    m <- attr(d, "multi")[[key]]
    keep <- keep & if (!is.null(m)) sapply(m, function(x) any(x %in% cs)) else {
      v <- d[[key]]
      !is.na(v) & v %in% cs
    }
  }
  keep
}

# filter_codes: the codes the filter lets through for key, NULL when it
# does not filter on key.
filter_codes <- function(filter, key) {
  if (is.na(filter) || filter == "") return(NULL)
  for (clause in trimws(strsplit(filter, "&", fixed = TRUE)[[1]])) {
    kv <- strsplit(clause, "=", fixed = TRUE)[[1]]
    if (trimws(kv[1]) == key) return(codes(trimws(kv[2])))
  }
  NULL
}

# answer_rule: for an indicator's question in wave d, y, whether each row
# answered (not blank, not 非該当), was 非該当, and was excluded.
answer_rule <- function(d, ind) {
  pos <- codes(ind$positive_codes)
  exc <- codes(ind$excluded_codes)
  m <- attr(d, "multi")[[ind$question_key]]
  if (!is.null(m)) {
    na <- sapply(m, function(x) identical(x, NOT_APPLICABLE))
    answered <- !na & lengths(m) > 0
    return(list(y = as.numeric(sapply(m, function(x) any(x %in% pos))), answered = answered, na = na,
                excluded = answered & length(exc) > 0 & sapply(m, function(x) all(x %in% exc))))
  }
  q <- d[[ind$question_key]]
  na <- !is.na(q) & q == NOT_APPLICABLE
  answered <- !is.na(q) & !na
  list(y = as.numeric(answered & q %in% pos), answered = answered, na = na, excluded = answered & q %in% exc)
}

# Published percent: half up in tenths, exactly, on the weights as written
# in the wave's units (as the estimates query does).
published <- function(wu, y) {
  sw <- sum(wu)
  swy <- sum(wu * y)
  stopifnot(2000 * swy + sw < 2^53)
  floor((2000 * swy + sw) / (2 * sw)) / 10
}

# estimate: the statistics of one domain of wave d, on the design of the
# whole wave.
estimate <- function(d, dom) {
  des <- svydesign(ids = ~1, weights = ~w, data = d)
  s <- subset(des, dom)
  m <- svymean(~y, s)
  ci <- svyciprop(~y, s, method = "logit")
  p <- unname(coef(m))
  w <- d$w[dom]
  neff <- sum(w)^2 / sum(w^2)
  lo <- attr(ci, "ci")[1]
  hi <- attr(ci, "ci")[2]
  exact_lo <- NA
  exact_hi <- NA
  if (p == 0) { exact_lo <- 0; exact_hi <- qbeta(0.975, 1, neff) }
  if (p == 1) { exact_lo <- qbeta(0.025, neff, 1); exact_hi <- 1 }
  list(n = sum(dom), p = p, se = unname(SE(m)), lo = unname(lo), hi = unname(hi),
       exact_lo = exact_lo, exact_hi = exact_hi, neff = neff, pub = published(d$wu[dom], d$y[dom]), design = s)
}

# wave_ci: the interval a wave publishes, at level lev: svyciprop's logit
# interval, or the Clopper-Pearson interval for Kish's n at 0 and 1.
# svyciprop itself returns NaN at levels near 1, where the bisection for a
# p-value must look, so the logit interval is computed from the same svyglm
# fit and degrees of freedom svyciprop uses, and checked against svyciprop
# at 95%.
wave_ci <- function(e, lev) {
  a <- 1 - lev
  if (e$p == 0) return(c(0, qbeta(1 - a / 2, 1, e$neff)))
  if (e$p == 1) return(c(qbeta(a / 2, e$neff, 1), 1))
  m <- svyglm(y ~ 1, design = e$design, family = quasibinomial)
  ci <- unname(plogis(coef(m) + c(-1, 1) * qt(1 - a / 2, df = degf(e$design)) * SE(m)))
  ref <- unname(attr(svyciprop(~y, e$design, method = "logit", level = 0.95), "ci"))
  here <- unname(plogis(coef(m) + c(-1, 1) * qt(0.975, df = degf(e$design)) * SE(m)))
  stopifnot(isTRUE(all.equal(here, ref, tolerance = 1e-12)))
  ci
}

# mover_p: the two-sided p-value of the MOVER interval for cur$p - prev$p
# (Newcombe's method 10 on the waves' own intervals): the alpha at which the
# bound on the side of 0 is 0; 1 when even the interval at level 0 holds 0.
mover_p <- function(prev, cur) {
  d <- cur$p - prev$p
  if (d == 0) return(1)
  bound <- function(alpha) {
    a <- wave_ci(prev, 1 - alpha)
    b <- wave_ci(cur, 1 - alpha)
    if (d > 0) d - sqrt((cur$p - b[1])^2 + (a[2] - prev$p)^2)
    else -(d + sqrt((b[2] - cur$p)^2 + (prev$p - a[1])^2))
  }
  if (bound(1) <= 0) return(1)
  uniroot(bound, c(1e-12, 1), tol = 1e-15)$root
}

est_rows <- list()
chg_rows <- list()
prj_rows <- list()
bd_rows <- list()
flow_rows <- list()
for (k in seq_len(nrow(indicators))) {
  ind <- indicators[k, ]
  id <- paste0(ind$issue_no, "-", ind$indicator_no)
  target <- as.numeric(ind$target_percent)
  target_year <- as.integer(ind$target_year)
  at_most <- ind$target_op == "以下"
  sv <- surveys[surveys$ward == ind$ward & surveys$population == ind$population, ]
  sv <- sv[order(as.integer(sv$fiscal_year)), ]
  prev <- NULL
  history <- data.frame(year = integer(0), percent = numeric(0))
  base <- NULL
  for (i in seq_len(nrow(sv))) {
    sid <- sv$survey_id[i]
    year <- as.integer(sv$fiscal_year[i])
    d <- waves[[sid]]
    if (is.null(d[[ind$question_key]]) && is.null(attr(d, "multi")[[ind$question_key]])) next
    rule <- answer_rule(d, ind)
    d$y <- rule$y
    pass <- in_filter(d, ind$filter)
    dom <- pass & rule$answered & !rule$excluded
    # A filtered domain under 10 is a small cell: not published, and the
    # trend goes on as if the wave had not asked the question.
    if (!is.na(ind$filter) && nzchar(ind$filter) && sum(dom) < 10) next
    e <- estimate(d, dom)
    flow_rows[[length(flow_rows) + 1]] <- data.frame(
      indicator = id, survey_id = sid, respondents = nrow(d), filtered = sum(!pass),
      not_applicable = sum(pass & rule$na), no_answer = sum(pass & !rule$na & !rule$answered),
      excluded = sum(pass & rule$excluded), n_valid = sum(dom), n_positive = sum(dom & d$y == 1))
    met <- if (at_most) e$pub <= target else e$pub >= target
    if (is.null(base)) base <- list(year = year, pub = e$pub)
    # Trajectory against the straight path from the baseline wave.
    path <- if (base$year < target_year) {
      base$pub + (target - base$pub) * (min(year, target_year) - base$year) / (target_year - base$year)
    } else NA
    traj <- if (met) "A" else if (year >= target_year) "遅れ" else if (year <= base$year) "" else
      if ((!at_most && e$pub >= path - 1e-9) || (at_most && e$pub <= path + 1e-9)) "順調" else "遅れ"
    est_rows[[length(est_rows) + 1]] <- data.frame(
      indicator = id, survey_id = sid, n_valid = e$n, percent = sprintf("%.1f", e$pub),
      percent_exact = num(100 * e$p), se = num(100 * e$se),
      svyciprop_low = bound(100 * e$lo), svyciprop_high = bound(100 * e$hi),
      exact_low = bound_or_empty(100 * e$exact_lo), exact_high = bound_or_empty(100 * e$exact_hi),
      n_effective = num(e$neff), path_percent = num_or_empty(path), trajectory = traj)
    if (!is.null(prev) && prev$year == year - 1) { # 前年度: the previous fiscal year only
      if (e$p %in% c(0, 1) || prev$p %in% c(0, 1)) {
        test <- "mover"
        pv <- mover_p(prev, e)
        z <- sign(e$p - prev$p) * qnorm(1 - pv / 2)
      } else {
        test <- "z"
        z <- (e$p - prev$p) / sqrt(e$se^2 + prev$se^2)
        pv <- 2 * pnorm(-abs(z))
      }
      flag <- if (pv < 0.05) (if (z > 0) "有意に上昇" else "有意に低下") else "変化は誤差の範囲"
      chg_rows[[length(chg_rows) + 1]] <- data.frame(
        indicator = id, survey_id = sid, previous_survey_id = prev$sid,
        change_points = sprintf("%.1f", e$pub - prev$pub), test = test, z = num(z), p_value = num(pv),
        flag = flag)
    }
    history <- rbind(history, data.frame(year = year, percent = e$pub))
    if (nrow(history) >= 3 && year < target_year) {
      pr <- predict(lm(percent ~ year, data = history), data.frame(year = target_year),
                    interval = "prediction", level = 0.95)
      clamp <- function(v) max(0, min(100, v))
      prj_rows[[length(prj_rows) + 1]] <- data.frame(
        indicator = id, survey_id = sid, projected_percent = num(clamp(pr[1, "fit"])),
        projected_low = bound(clamp(pr[1, "lwr"])), projected_high = bound(clamp(pr[1, "upr"])))
    }
    prev <- c(e, list(sid = sid, year = year))

    # Every category of each attribute (choices.csv, then blank), for
    # every domain of 10 or more; which cells are hidden is disclosure
    # control's (docs/statistics.md 6.), not a statistic: the test
    # compares the cells shihyo shows.
    attrs <- questions$key[questions$survey_id == sid & questions$role == "attribute"]
    if (sum(dom) < 10) attrs <- character(0)
    for (a in sort(attrs)) {
      v <- d[[a]]
      cells <- c(sort(as.numeric(choices$code[choices$survey_id == sid & choices$key == a])), NA)
      # By a key of the indicator's own filter, only the codes it lets
      # through (the others are empty by definition).
      fc <- filter_codes(ind$filter, a)
      if (!is.null(fc)) cells <- cells[!is.na(cells) & cells %in% fc]
      # A code of kind with_blank (無回答と合算) counts the blanks too, and
      # the table has no blank cell; inside a filter on the key, no blank.
      wb <- c(kind_codes(sid, a, "with_blank"), kind_codes(sid, a, "無回答と合算"))
      if (length(wb) == 1) cells <- cells[!is.na(cells)]
      for (c in cells) {
        merged <- length(wb) == 1 && !is.na(c) && c == wb
        cell <- dom & (if (is.na(c)) is.na(v) else if (merged) is.na(v) | v == c else !is.na(v) & v == c)
        row <- data.frame(indicator = id, survey_id = sid, attribute_key = a,
                          code = if (is.na(c)) "" else as.character(c),
                          reference = tolower(sum(cell) >= 10 && sum(cell) <= 30),
                          n_valid = as.character(sum(cell)), percent = "", percent_exact = "", ci_low = "", ci_high = "")
        if (sum(cell) > 0) {
          ce <- estimate(d, cell)
          lo <- if (is.na(ce$exact_lo)) ce$lo else ce$exact_lo
          hi <- if (is.na(ce$exact_hi)) ce$hi else ce$exact_hi
          row$percent <- sprintf("%.1f", ce$pub)
          row$percent_exact <- num(100 * ce$p)
          row$ci_low <- bound(100 * lo)
          row$ci_high <- bound(100 * hi)
        }
        bd_rows[[length(bd_rows) + 1]] <- row
      }
    }
  }
}

write_out <- function(rows, name) {
  write.csv(do.call(rbind, rows), file.path(out_dir, name), row.names = FALSE,
            fileEncoding = "UTF-8", quote = FALSE)
}
write_out(est_rows, "estimates.csv")
write_out(chg_rows, "changes.csv")
write_out(prj_rows, "projections.csv")
write_out(bd_rows, "breakdowns.csv")
write_out(flow_rows, "flows.csv")
