# Writes the golden cases for src/ts/stl_test.cpp: for each case an input <name>.csv (t,x) and R's
# decomposition <name>.expected.csv (seasonal,trend,remainder,weights), plus cases.csv with the
# options. Run with R 4.2.2 (Debian's r-base-core) from this folder:
#   Rscript make_golden.R
# The values are R's stats::stl; nothing here comes from Ballast.
options(digits = 17)
cases <- list()

add <- function(name, x, period, s.window, t.window = NULL, s.degree = 0, robust = FALSE,
                inner = NULL, outer = NULL) {
  x <- as.numeric(x)
  args <- list(ts(x, frequency = period), s.window = s.window, s.degree = s.degree, robust = robust)
  if (!is.null(t.window)) args$t.window <- t.window
  if (!is.null(inner)) args$inner <- inner
  if (!is.null(outer)) args$outer <- outer
  fit <- do.call(stl, args)
  write.csv(data.frame(t = seq_along(x), x = sprintf("%.17g", x)), paste0(name, ".csv"),
            row.names = FALSE, quote = FALSE)
  ts3 <- fit$time.series
  out <- data.frame(seasonal = sprintf("%.17g", ts3[, "seasonal"]),
                    trend = sprintf("%.17g", ts3[, "trend"]),
                    remainder = sprintf("%.17g", ts3[, "remainder"]),
                    weights = sprintf("%.17g", fit$weights))
  write.csv(out, paste0(name, ".expected.csv"), row.names = FALSE, quote = FALSE)
  cases[[length(cases) + 1]] <<- data.frame(
    name = name, period = period, s_window = as.character(s.window),
    t_window = if (is.null(t.window)) "" else as.character(t.window), s_degree = s.degree,
    robust = as.integer(robust), inner = if (is.null(inner)) "" else as.character(inner),
    outer = if (is.null(outer)) "" else as.character(outer))
}

co2v <- as.numeric(datasets::co2)          # 468 monthly values, 1959-1997
nott <- as.numeric(datasets::nottem)       # 240 monthly temperatures, 1920-1939
set.seed(20261130)

add("co2_sw7", co2v, 12, 7)
add("co2_periodic", co2v, 12, "periodic")
add("co2_sw13_deg1_robust", co2v, 12, 13, s.degree = 1, robust = TRUE)
add("nottem_sw8_tw20", nott, 12, 8, t.window = 20)           # even windows are made odd
add("nottem_sw11_robust", nott, 12, 11, robust = TRUE)         # even n: the partial-sort median
add("nottem_head239_robust", nott[1:239], 12, 11, robust = TRUE)  # odd n
add("nottem_periodic_robust", nott, 12, "periodic", robust = TRUE)
add("short_25", co2v[1:25], 12, 7)                              # 2 period + 1
add("short_25_robust", nott[1:25], 12, 5, robust = TRUE)
add("short_9_period4_deg1", c(3, 8, 1, 5, 4, 9, 2, 7, 5), 4, 3, s.degree = 1)

# A quarterly trend with a seasonal pattern and planted outliers.
n <- 41
q <- 100 + 0.8 * (1:n) + rep(c(6, -2, -7, 3), length.out = n) + rnorm(n, sd = 1)
q[c(7, 20, 33)] <- q[c(7, 20, 33)] + c(40, -35, 60)
add("outliers_q41_robust", q, 4, 7, robust = TRUE)
add("outliers_q40_robust", q[1:40], 4, 7, robust = TRUE)
add("outliers_q41_plain", q, 4, 7)

# Daily data with a weekly cycle and long windows: loess fitted every few points (jumps).
n <- 150
d <- 50 + 10 * sin(2 * pi * (1:n) / 60) + rep(c(5, 3, 1, 0, -1, -3, -5), length.out = n) +
  rnorm(n, sd = 2)
d[c(40, 41, 100)] <- d[c(40, 41, 100)] + c(25, 25, -30)
add("jumps_weekly_sw35", d, 7, 35)
add("jumps_weekly_sw35_tw61_deg1", d, 7, 35, t.window = 61, s.degree = 1)
add("jumps_weekly_sw24_robust", d, 7, 24, robust = TRUE)
add("jumps_weekly_inner3_outer2", d, 7, 15, inner = 3, outer = 2)

# A random walk with a monthly pattern, small s.window.
n <- 97
r <- cumsum(rnorm(n)) + rep(c(1, 2, 3, 2, 1, 0, -1, -2, -3, -2, -1, 0), length.out = n)
add("walk_sw3", r, 12, 3)
add("walk_sw4_tw5_robust", r, 12, 4, t.window = 5, robust = TRUE)

write.csv(do.call(rbind, cases), "cases.csv", row.names = FALSE, quote = FALSE)
cat(R.version.string, "\n")
