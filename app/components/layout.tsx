import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/use-translation";

export interface LayoutUser {
  name: string;
  organisationName: string;
}

export interface NavItem {
  to: string;
  label: string;
}

/**
 * Page frame in Det Fælles Designsystem's conventions: skip link first, a header naming the
 * solution and the organisation, the language switch, optional navigation, main content, footer.
 */
export function Layout({
  children,
  user,
  organisationName,
  navigation,
}: {
  children: ReactNode;
  user?: LayoutUser | null;
  organisationName?: string | null;
  navigation?: NavItem[];
}) {
  const { t, locale } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const otherLocale = locale === "da" ? "en" : "da";
  // The current item is the one with the longest path that contains this page ("/staff" is not current on "/staff/review").
  const current = (navigation ?? [])
    .filter((item) => location.pathname === item.to || location.pathname.startsWith(`${item.to}/`))
    .sort((a, b) => b.to.length - a.to.length)[0]?.to;
  return (
    <>
      <a className="skipnav" href="#main-content">
        {t("layout.skipLink")}
      </a>
      <header className="header">
        <div className="solution-header">
          <div className="container solution-heading-row">
            <div className="solution-heading">
              <Link to={user ? "/staff" : "/"} className="solution-title">
                {t("app.name")}
              </Link>
              {organisationName ?? user?.organisationName ? (
                <span className="solution-organisation">{organisationName ?? user?.organisationName}</span>
              ) : null}
            </div>
            <div className="solution-actions">
              <Form method="post" action="/language" className="language-form">
                <input type="hidden" name="locale" value={otherLocale} />
                <input type="hidden" name="redirectTo" value={here} />
                <button type="submit" className="button button-tertiary" lang={otherLocale} aria-label={t("layout.switchToOtherLabel")}>
                  {t("layout.switchToOther")}
                </button>
              </Form>
              {user ? (
                <>
                  <span className="portal-user-name">{t("layout.signedInAs", { name: user.name })}</span>
                  <Form method="post" action="/logout">
                    <button type="submit" className="button button-secondary">
                      {t("layout.logout")}
                    </button>
                  </Form>
                </>
              ) : null}
            </div>
          </div>
        </div>
        {navigation && navigation.length > 0 ? (
          <nav className="container main-nav" aria-label={t("layout.mainNavigation")}>
            <ul className="main-nav-list">
              {navigation.map((item) => (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    aria-current={item.to === current ? "page" : undefined}
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main-content" className="container page-container" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <div className="container">
          <p className="footer-about">{t("layout.footer.about")}</p>
        </div>
      </footer>
    </>
  );
}
