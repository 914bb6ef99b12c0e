package hearth.bench.generate;

import java.util.random.RandomGenerator;

/**
 * Picks an index with probability proportional to its weight (binary search over the cumulative weights), and the
 * shapes the generator draws from: power-law activity (Zipf) and log-normal lengths.
 */
final class Weighted {

    private final double[] cumulative;

    Weighted(double[] weights) {
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    int pick(RandomGenerator random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < target) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Zipf weights (rank r weighs 1/r^s) given to the indexes in a shuffled order, so that the most active member or
     * the busiest topic is not simply the first one.
     */
    static double[] zipf(int n, double exponent, RandomGenerator random) {
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = rank[i];
            rank[i] = rank[j];
            rank[j] = swap;
        }
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 1.0 / Math.pow(rank[i] + 1, exponent);
        }
        return weights;
    }

    /** A log-normal draw: its median is {@code median}; {@code sigma} spreads it (1.0 gives a long tail). */
    static double logNormal(RandomGenerator random, double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }
}
