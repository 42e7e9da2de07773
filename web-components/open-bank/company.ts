/** The bank's own account (spec "Company account"), shown on the home page. */
export const companyIban = 'NL66OPEN0000000000';
