package hearth.plugins.searchlucene.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How text becomes terms. One chain for every language the site may hold: Unicode word breaks (StandardTokenizer),
 * full-width forms folded, lower case, Chinese/Japanese/Korean runs as overlapping pairs of characters (those scripts
 * have no spaces, so pairs are what a searcher's words match), accents folded ("café" finds "cafe"), and English
 * stemmed lightly with KStem, which knows its words: "posts" finds "post", but "redis" never finds "redirect" as
 * Porter's rules would make it. The {@link Fields#SPELL} field is not stemmed: it feeds "did you mean", which must
 * offer words people typed.
 */
public final class SearchAnalyzer extends DelegatingAnalyzerWrapper {

    private final Analyzer stemmed = chain(true);
    private final Analyzer unstemmed = chain(false);

    public SearchAnalyzer() {
        super(PER_FIELD_REUSE_STRATEGY);
    }

    @Override
    protected Analyzer getWrappedAnalyzer(String fieldName) {
        return Fields.SPELL.equals(fieldName) ? unstemmed : stemmed;
    }

    private static Analyzer chain(boolean stem) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new CJKWidthFilter(source);
                stream = new LowerCaseFilter(stream);
                stream = new CJKBigramFilter(stream);
                stream = new ASCIIFoldingFilter(stream);
                if (stem) {
                    stream = new EnglishPossessiveFilter(stream);
                    stream = new KStemFilter(stream);
                }
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ASCIIFoldingFilter(new LowerCaseFilter(new CJKWidthFilter(in)));
            }
        };
    }

    @Override
    public void close() {
        stemmed.close();
        unstemmed.close();
        super.close();
    }
}
