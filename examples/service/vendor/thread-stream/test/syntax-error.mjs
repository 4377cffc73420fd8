// this is a syntax error
import
